import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from 'eslint';
import type { FileReport } from './file-report.js';

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * SARIF 2.1.0 for code scanning: one run, the tool's rules with their documentation links, and
 * one result per finding with file paths relative to the folder the CLI ran in (`%SRCROOT%`).
 */
export function formatSarif(reports: readonly FileReport[], rules: Record<string, Rule.RuleModule>, version: string): string {
  const root = process.cwd();
  const ruleIds = Object.keys(rules).sort();
  const artifactUri = (fileName: string): string => {
    const relative = path.relative(root, fileName);
    return relative.startsWith('..') || path.isAbsolute(relative)
      ? pathToFileURL(fileName).href
      : relative.split(path.sep).map(encodeURIComponent).join('/');
  };
  const location = (fileName: string, region: SarifRegion, text?: string) => ({
    physicalLocation: {
      artifactLocation: { uri: artifactUri(fileName), ...(artifactUri(fileName).startsWith('file:') ? {} : { uriBaseId: '%SRCROOT%' }) },
      region,
    },
    ...(text ? { message: { text } } : {}),
  });

  const results = reports.flatMap((report) =>
    report.messages.map((message) => {
      const region: SarifRegion = { startLine: Math.max(message.line, 1), startColumn: Math.max(message.column, 1) };
      if (message.endLine !== undefined && message.endColumn !== undefined) {
        region.endLine = message.endLine;
        region.endColumn = message.endColumn;
      }
      const entry = report.related.find(
        (candidate) => candidate.ruleId === message.ruleId && candidate.line === message.line && candidate.column === message.column,
      );
      const ruleIndex = message.ruleId ? ruleIds.indexOf(message.ruleId) : -1;
      return {
        ...(message.ruleId ? { ruleId: message.ruleId } : {}),
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message },
        locations: [location(report.fileName, region)],
        ...(entry
          ? {
              relatedLocations: entry.related.map((related, id) =>
                ({
                  id,
                  ...location(
                    path.isAbsolute(related.filename) ? related.filename : report.fileName,
                    {
                      startLine: related.loc.start.line,
                      startColumn: related.loc.start.column + 1,
                      endLine: related.loc.end.line,
                      endColumn: related.loc.end.column + 1,
                    },
                    related.message,
                  ),
                }),
              ),
            }
          : {}),
      };
    }),
  );

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'async-guard',
            informationUri: 'https://github.com/async-guard/async-guard',
            version,
            rules: ruleIds.map((ruleId) => {
              const meta = rules[ruleId]!.meta;
              return {
                id: ruleId,
                shortDescription: { text: meta?.docs?.description ?? ruleId },
                ...(meta?.docs?.url ? { helpUri: meta.docs.url } : {}),
                properties: { ...(meta?.type ? { category: meta.type } : {}) },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root + path.sep).href } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
