// A scripted typing session on one file: statements typed character by character inside
// function bodies (and erased again, as people do), plus a few signature changes. Every step is
// one LSP content change; the session is the same on every run.

/** Where to type: after the line containing the anchor, a statement typed key by key. */
const BURSTS = [
  { anchor: 'if (!l2Client.chain) throw new ClientChainNotConfiguredError()', text: '  const addresses = getBridgeAddresses(client, l2Client)' },
  { anchor: 'if (isAddressEqual(baseToken, ethAddressInContracts)) {', text: '    const probe = await getFeePrice(client)' },
  { anchor: 'function scaleGasLimit(gasLimit: bigint): bigint {', text: '  const doubled = gasLimit * 2n + 1n' },
  { anchor: 'async function getFeePrice<chain extends Chain | undefined>(', text: '' },
];

/** Replacements that change a declaration's signature, applied and reverted. */
const SIGNATURES = [
  { from: 'async function getFeePrice<', to: 'function getFeePrice<' },
  { from: 'function scaleGasLimit(gasLimit: bigint): bigint {', to: 'function scaleGasLimit(gasLimit: bigint): number | bigint {' },
];

function position(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Returns [{ range, text }] steps with the text after each, starting from `original`. */
export function typingSession(original, { maxSteps = 300 } = {}) {
  const steps = [];
  let text = original;
  const replace = (start, end, inserted) => {
    steps.push({ range: { start: position(text, start), end: position(text, end) }, text: inserted });
    text = text.slice(0, start) + inserted + text.slice(end);
  };
  for (const burst of BURSTS.filter((entry) => entry.text)) {
    const lineStart = text.indexOf(burst.anchor);
    if (lineStart < 0) throw new Error(`anchor not found: ${burst.anchor}`);
    let at = text.indexOf('\n', lineStart) + 1;
    replace(at, at, '\n');
    for (const char of burst.text) {
      replace(at, at, char);
      at++;
    }
    // Erase the second half again, key by key, then retype it.
    const half = Math.floor(burst.text.length / 2);
    for (let i = 0; i < half; i++) {
      replace(at - 1, at, '');
      at--;
    }
    for (const char of burst.text.slice(burst.text.length - half)) {
      replace(at, at, char);
      at++;
    }
  }
  for (const change of SIGNATURES) {
    const start = text.indexOf(change.from);
    if (start < 0) throw new Error(`signature not found: ${change.from}`);
    replace(start, start + change.from.length, change.to);
    const again = text.indexOf(change.to);
    replace(again, again + change.to.length, change.from);
  }
  return steps.slice(0, maxSteps);
}
