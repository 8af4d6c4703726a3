// ESLint for engine/, explorer/ and bench/ (`npm run lint`): a short list of rules, not a style guide.
// The engine computes with engine/math/ only (Math.exp, Math.sin, `**`… differ between JavaScript
// engines in the last bit, README "Determinism"); nowhere is code built from strings.
import tseslint from 'typescript-eslint';

const DET_MATH = 'use engine/math/ (det-math.ts, det-trig.ts): Math.* differs between JavaScript engines in the last bit (README "Determinism")';

/** Math's functions that ECMAScript leaves implementation-approximated. */
const APPROXIMATED = [
  'exp', 'log', 'log1p', 'log2', 'log10', 'expm1', 'pow',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot',
];

/**
 * Where the identifier `Math` may stand other than as `Math.name`: keys, non-computed property names
 * and type positions. Anywhere else (`const M = Math`, `f(Math)`, `{ Math }`) it would be an alias
 * that no-restricted-properties cannot follow.
 */
const MATH_NOT_ALIAS = [
  'MemberExpression > Identifier.object',
  'MemberExpression[computed=false] > Identifier.property',
  'Property[computed=false] > Identifier.key',
  'MethodDefinition[computed=false] > Identifier.key',
  'PropertyDefinition[computed=false] > Identifier.key',
  'TSPropertySignature[computed=false] > Identifier.key',
  'TSQualifiedName > Identifier',
  'TSTypeReference > Identifier',
  'TSTypeQuery > Identifier',
];

const RANDOM = { object: 'Math', property: 'random', message: 'randomness is passed in: draw from engine/rng/ with the run\'s seed (README "Determinism")' };

export default [
  { ignores: ['**/node_modules/**', 'dist/**', 'explorer/dist/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: 'module',
      // the globals no-implied-eval watches (setTimeout('code'), window.setInterval('code'))
      globals: { setTimeout: 'readonly', setInterval: 'readonly', window: 'readonly', self: 'readonly', global: 'readonly' },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // cheap correctness checks that hold for the whole tree
      'no-debugger': 'error',
      'no-dupe-else-if': 'error',
      'no-duplicate-case': 'error',
      'no-self-assign': 'error',
      'no-unsafe-finally': 'error',
      'no-sparse-arrays': 'error',
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/math/**'],
    rules: {
      'no-restricted-properties': ['error', ...APPROXIMATED.map((property) => ({ object: 'Math', property, message: DET_MATH })), RANDOM],
      'no-restricted-syntax': [
        'error',
        { selector: "BinaryExpression[operator='**']", message: `\`**\` is Math.pow: write x * x for a square, a literal for a constant, else ${DET_MATH}` },
        { selector: "AssignmentExpression[operator='**=']", message: `\`**=\` is Math.pow: ${DET_MATH}` },
        // aliases would slip past no-restricted-properties: `const M = Math; M.log(x)`, `globalThis.Math.sin(x)`
        { selector: `Identifier[name='Math']:not(${MATH_NOT_ALIAS.join(', ')})`, message: `write Math.name, not an alias of Math: ${DET_MATH}` },
        { selector: "MemberExpression[computed=false][property.name='Math'], MemberExpression[computed=true][property.value='Math']", message: `reach Math by its name (globalThis.Math is an alias): ${DET_MATH}` },
      ],
    },
  },
  {
    // engine/math/ implements the functions from IEEE basic operations; it still draws no random numbers
    files: ['engine/math/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', RANDOM] },
  },
];
