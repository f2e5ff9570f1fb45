-- Neovim 0.7 as an independent LSP client: diagnostics arrive, a code action applies, the
-- finding goes away, a new one appears after an edit. Prints PASS or FAIL (stdout), exits 0/1.
local function out(s) io.stdout:write(s, '\n'); io.stdout:flush() end

local function wait_for(ms, cond, what)
  if not vim.wait(ms, cond, 20) then error('timeout waiting for ' .. what, 0) end
end

local function main()
  local bufnr = vim.api.nvim_get_current_buf()
  assert(ag.client_id, 'the language client did not start')
  local ns = vim.lsp.diagnostic.get_namespace(ag.client_id)
  local function diags() return vim.diagnostic.get(bufnr, { namespace = ns }) end

  -- 1. Diagnostics for the opened file: one blocking call, at the byte column of readFileSync.
  wait_for(60000, function() return #diags() >= 1 end, 'initial diagnostics')
  local d = diags()[1]
  out(('DIAG %d:%d %s %s'):format(d.lnum + 1, d.col + 1, d.source, d.message))
  assert(#diags() == 1, 'expected 1 diagnostic, got ' .. #diags())
  assert(d.source == 'async-guard', 'unexpected source ' .. tostring(d.source))
  local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, true)[1]
  assert(d.col == line:find('readFileSync', 1, true) - 1, 'wrong column ' .. d.col .. ' in: ' .. line)

  -- 2. Code action for it, sent with the raw LSP diagnostic; apply the rule's suggestion.
  local raw = ag.raw[bufnr][1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = raw.range,
    context = { diagnostics = { raw } },
  }
  local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local r = assert(res and res[ag.client_id], 'no code action answer')
  assert(not r.error, 'code action error: ' .. vim.inspect(r.error))
  local action
  for _, a in ipairs(r.result or {}) do
    out('ACTION ' .. a.title)
    if a.title:find('readFile', 1, true) then action = a end
  end
  assert(action, 'no suggestion among the actions')
  if not action.edit then
    -- Neovim 0.7 declares resolveSupport for edits: the server sends them on codeAction/resolve.
    local resolved = vim.lsp.buf_request_sync(bufnr, 'codeAction/resolve', action, 10000)
    local rr = assert(resolved and resolved[ag.client_id], 'no resolve answer')
    assert(not rr.error, 'resolve error: ' .. vim.inspect(rr.error))
    action = rr.result
    assert(action.edit, 'the resolved action has no edit')
    out('RESOLVED ' .. action.title)
  end
  vim.lsp.util.apply_workspace_edit(action.edit, vim.lsp.get_client_by_id(ag.client_id).offset_encoding)
  out('APPLIED ' .. action.title)
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true), '\n')
  assert(text:find('await readFile(path', 1, true), 'the suggestion was not applied:\n' .. text)

  -- 3. The edit is a didChange: the finding goes away.
  wait_for(30000, function() return #diags() == 0 end, 'no diagnostics after the fix')
  out('FIXED')

  -- 4. A new blocking call typed inside the async function is reported.
  vim.api.nvim_buf_set_lines(bufnr, d.lnum + 1, d.lnum + 1, true, { "  readFileSync('more.txt');" })
  wait_for(30000, function()
    for _, x in ipairs(diags()) do if x.lnum == d.lnum + 1 then return true end end
    return false
  end, 'a diagnostic on the new line')
  out(('AFTERCHANGE %d diagnostics, %d publishes'):format(#diags(), ag.publishes))
end

local ok, e = xpcall(main, debug.traceback)
if ok then
  out('PASS')
  vim.cmd('qall!')
else
  out('FAIL ' .. tostring(e))
  vim.cmd('cquit 1')
end
