// Order-independent sums: values are rounded to a fixed quantum (a cent, a microday) and added as
// integers held in two float64 limbs, which is exact. Partial sums from any split of the trials
// therefore merge to the same bits, so results do not depend on chunking or worker count
// (docs/simulation.md, "Exact sums").

const LIMB = 1099511627776; // 2^40
/** 2^52: a quantum count below it adds into the low limb exactly. */
const BIG = 4503599627370496;

/** A vector of exact sums of values rounded to `1 / scale`. */
export class ExactSums {
  readonly hi: Float64Array;
  readonly lo: Float64Array;

  constructor(
    readonly length: number,
    readonly scale: number,
    hi?: Float64Array,
    lo?: Float64Array,
  ) {
    this.hi = hi ?? new Float64Array(length);
    this.lo = lo ?? new Float64Array(length);
  }

  /**
   * Adds `x` (rounded to the quantum) to entry i. Quanta counts of 2^52 or more (a loss above
   * 4.5 × 10^13 in cents) go through the limb split, so the sum stays exact at any amount.
   */
  add(i: number, x: number): void {
    const q = Math.round(x * this.scale);
    if (q < BIG && q > -BIG) this.addQuanta(i, q);
    else this.addWholeQuanta(i, q);
  }

  /** Adds `x` (rounded to the quantum) to entry i, however many quanta it makes (squares of money). */
  addLarge(i: number, x: number): void {
    this.addWholeQuanta(i, Math.round(x * this.scale));
  }

  /** Adds an integer number of quanta of any size: whole limbs move at once (q − carry·LIMB is exact). */
  addWholeQuanta(i: number, q: number): void {
    if (q < BIG && q > -BIG) this.addQuanta(i, q);
    else {
      const carry = Math.trunc(q / LIMB);
      this.hi[i]! += carry;
      this.addQuanta(i, q - carry * LIMB);
    }
  }

  /** Adds `q` quanta (an integer, |q| < 2^53) to entry i: the same as add() of values already rounded. */
  addQuanta(i: number, q: number): void {
    let lo = this.lo[i]! + q;
    if (lo >= LIMB || lo <= -LIMB) {
      const carry = Math.trunc(lo / LIMB);
      this.hi[i]! += carry;
      lo -= carry * LIMB;
    }
    this.lo[i] = lo;
  }

  /** Adds another vector of sums (same length and scale) into this one. */
  merge(other: ExactSums): void {
    for (let i = 0; i < this.length; i++) {
      this.hi[i]! += other.hi[i]!;
      this.addQuanta(i, other.lo[i]!);
    }
  }

  /** The sum at entry i, in the original unit. */
  get(i: number): number {
    return (this.hi[i]! * LIMB + this.lo[i]!) / this.scale;
  }
}

/** Money is summed in cents. */
export const MONEY_SCALE = 100;
/** Days are summed in microdays (about 0.09 s). */
export const DAYS_SCALE = 1e6;
/** Squares of money are summed in whole units of currency² (a loss of 10 is 100 quanta): ample for a variance. */
export const SQUARE_SCALE = 1;
