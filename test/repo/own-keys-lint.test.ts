// Lookups keyed by text read own keys only. Ids, regions, tags and the other names of a scenario,
// results file, URL or command line are any text, "constructor" and "__proto__" included, and a plain
// object answers `o[key]` for those from its prototype (and `o["__proto__"] = v` replaces it). So
// every `o[key]` and `key in o` in engine/, explorer/ and bench/ whose key is typed `string` (not a
// union of fixed names, not a number) must be one of:
//   - guarded: inside `if`/`? :` whose condition has Object.hasOwn(o, key) (or
//     Object.prototype.hasOwnProperty.call(o, key)), or after `if (!Object.hasOwn(o, key)) return …`
//     in the same block;
//   - a read of `o` at a key from Object.keys(o) / Object.entries(o) (its own keys);
//   - listed in ALLOWED below with why its key is never user text.
// Anything else is a Map lookup waiting to be written. The type checker tells string keys from
// numeric indexes and fixed names, so the rule flags lookups, not array indexing.
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Lookups whose key is never user text: file → the lookup as written → why. */
const ALLOWED: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['engine/cli/args.ts', new Map([
    ['config[name]', "the command's declared option names"],
    ['values[t.name]', 'a declared option: checked with Object.hasOwn(options, t.name) above'],
  ])],
  ['engine/cli/with-workers.ts', new Map([['process.env[name]', 'a fixed environment variable name']])],
  ['engine/validate/validate.ts', new Map([['raw[key]', 'the names of the scenario\'s lists ("sites", "lanes"…)']])],
  ['engine/interchange/read-table.ts', new Map([
    ['at[key]', "a step of a column's field path, declared in csv-tables.ts (\"sites\", \"location\"…), never a cell's text"],
    ['at[path[path.length - 1]!]', "the last step of a column's declared field path, never a cell's text"],
  ])],
  ['engine/interchange/import-network.ts', new Map([['assembled[key]', "key from Object.keys(scenarioSchema.shape): the scenario format's own field names"]])],
  ['engine/results/canonical-json.ts', new Map([['(v as Record<string, unknown>)[k]', "k from Object.keys(v): v's own keys"]])],
  ['engine/results/json-chunks.ts', new Map([['(f.holder as Record<string, unknown>)[k]', "k from f.keys, Object.keys(f.holder): the holder's own keys"]])],
]);

/** The expression without parentheses, `as` casts and `!`, as text. */
function core(e: ts.Expression): string {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e.getText().replace(/\s+/g, ' ');
}

/** Whether `text` checks that `obj` owns `key`. */
function guards(text: string, obj: string, key: string): boolean {
  const t = text.replace(/\s+/g, ' ');
  return t.includes(`Object.hasOwn(${obj}, ${key})`) || t.includes(`hasOwnProperty.call(${obj}, ${key})`);
}

/** Whether `key` is a variable taken from Object.keys(obj) or Object.entries(obj) by a for…of around `n`. */
function ownKeyLoop(n: ts.Node, obj: string, key: string): boolean {
  for (let p: ts.Node | undefined = n.parent; p; p = p.parent) {
    if (!ts.isForOfStatement(p) || !ts.isVariableDeclarationList(p.initializer)) continue;
    const decl = p.initializer.declarations[0]!.name;
    const name = ts.isIdentifier(decl) ? decl.text : ts.isArrayBindingPattern(decl) && decl.elements[0] && ts.isBindingElement(decl.elements[0]) ? decl.elements[0].name.getText() : undefined;
    const it = core(p.expression);
    if (name === key && (it === `Object.keys(${obj})` || it === `Object.entries(${obj})`)) return true;
  }
  return false;
}

/** Whether an enclosing condition, or an earlier `if (…) return|continue|throw|break` of an enclosing block, checks the own key. */
function guarded(n: ts.Node, obj: string, key: string): boolean {
  for (let child: ts.Node = n, p: ts.Node | undefined = n.parent; p; child = p, p = p.parent) {
    if (ts.isIfStatement(p) && child !== p.expression && guards(p.expression.getText(), obj, key)) return true;
    if (ts.isConditionalExpression(p) && child !== p.condition && guards(p.condition.getText(), obj, key)) return true;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && child === p.right && guards(p.left.getText(), obj, key)) return true;
    if (ts.isBlock(p) || ts.isSourceFile(p)) {
      for (const s of p.statements) {
        if (s === child) break;
        const exits = (x: ts.Statement): boolean => ts.isReturnStatement(x) || ts.isContinueStatement(x) || ts.isThrowStatement(x) || ts.isBreakStatement(x) || (ts.isBlock(x) && x.statements.length > 0 && exits(x.statements[x.statements.length - 1]!));
        if (ts.isIfStatement(s) && exits(s.thenStatement) && guards(s.expression.getText().replace(/^!\s*/, ''), obj, key)) return true;
      }
    }
    if (ts.isFunctionLike(p)) break;
  }
  return false;
}

interface Finding {
  file: string;
  line: number;
  code: string;
}

/** Every lookup by a string-typed key in the program's own files, with the unguarded ones. */
function scan(): { findings: Finding[]; allowedSeen: Set<string> } {
  const cfg = ts.getParsedCommandLineOfConfigFile(`${ROOT}tsconfig.explorer.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  // one program for the engine (Node parts too), the explorer and the bench
  const options: ts.CompilerOptions = { ...cfg.options, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: ['node', 'vite/client'], noEmit: true };
  const files = ts.sys.readDirectory(ROOT, ['.ts'], undefined, ['engine/**/*', 'explorer/**/*', 'bench/**/*']).filter((f) => !f.includes('/node_modules/'));
  const program = ts.createProgram(files, options);
  const checker = program.getTypeChecker();
  const findings: Finding[] = [];
  const allowedSeen = new Set<string>();
  const fixed = (t: ts.Type): boolean => (t.flags & (ts.TypeFlags.StringLiteral | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Undefined | ts.TypeFlags.ESSymbolLike)) !== 0;
  for (const sf of program.getSourceFiles()) {
    const file = relative(ROOT, sf.fileName);
    if (!/^(engine|explorer|bench)\//.test(file)) continue;
    const visit = (n: ts.Node): void => {
      let key: ts.Expression | undefined;
      let obj: ts.Expression | undefined;
      if (ts.isElementAccessExpression(n)) [key, obj] = [n.argumentExpression, n.expression];
      else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InKeyword) [key, obj] = [n.left, n.right];
      if (key && obj && !ts.isStringLiteralLike(key) && !ts.isNumericLiteral(key)) {
        const kt = checker.getTypeAtLocation(key);
        if (!(fixed(kt) || (kt.isUnion() && kt.types.every(fixed)))) {
          const [o, k] = [core(obj), core(key)];
          const isWrite = ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
          const code = n.getText().replace(/\s+/g, ' ');
          const allowed = ALLOWED.get(file)?.has(code) === true;
          if (allowed) allowedSeen.add(`${file}: ${code}`);
          else if (!guarded(n, o, k) && !(!isWrite && ownKeyLoop(n, o, k))) findings.push({ file, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, code });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { findings, allowedSeen };
}

describe('lookups keyed by text read own keys only', () => {
  const result = scan();

  it('every o[key] and key in o with a string key is guarded by Object.hasOwn, reads own keys, or is listed with its reason', () => {
    const list = result.findings.map((f) => `${f.file}:${f.line}: ${f.code}`);
    expect(list, 'use a Map, or check Object.hasOwn(o, key) (see the top of this file)').toEqual([]);
  });

  it('every ALLOWED entry is still in the code (remove the ones that are gone)', () => {
    const listed = [...ALLOWED].flatMap(([file, m]) => [...m.keys()].map((code) => `${file}: ${code}`));
    expect(listed.filter((x) => !result.allowedSeen.has(x))).toEqual([]);
  });
});
