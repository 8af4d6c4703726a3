// Every name the package exports (engine/index.ts) carries TSDoc where it is defined: a library user
// reads it in their editor. Checked with the TypeScript compiler's own view of the exports, so a
// re-export, an alias or a type counts like a function.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const INDEX = fileURLToPath(new URL('../../engine/index.ts', import.meta.url));

/** The exported names of engine/index.ts whose declaration has no documentation comment. */
function undocumentedExports(): { names: string[]; count: number } {
  const program = ts.createProgram([INDEX], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(INDEX)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
  const names: string[] = [];
  for (const exported of exports) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
    if (doc === '') names.push(exported.getName());
  }
  return { names: names.sort(), count: exports.length };
}

describe('engine/index.ts: the public API', () => {
  it('documents every export with TSDoc at its definition', () => {
    const { names, count } = undocumentedExports();
    expect(count).toBeGreaterThan(40);
    expect(names).toEqual([]);
  });
});
