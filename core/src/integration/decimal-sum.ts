// Money adds up exactly: Plivo writes amounts as decimal text ("0.00500"), and summing 10,000 of them as floats
// drifts. Each amount becomes an integer count of its smallest digit, rescaled to the finest precision seen.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

export interface DecimalSum {
  /** Adds one amount; returns false (and adds nothing) when `text` is not a plain decimal number. */
  add(text: string): boolean;
  /** The total with as many decimals as the most precise amount added (at least `minDecimals`). */
  toString(): string;
}

export function createDecimalSum(minDecimals = 0): DecimalSum {
  let total = 0n;
  let scale = minDecimals;
  const rescale = (value: bigint, from: number, to: number): bigint => value * 10n ** BigInt(to - from);
  return {
    add(text) {
      const match = DECIMAL.exec(text.trim());
      if (!match) return false;
      const [, sign = '', whole = '0', fraction = ''] = match;
      if (fraction.length > scale) {
        total = rescale(total, scale, fraction.length);
        scale = fraction.length;
      }
      const value = BigInt(whole + fraction.padEnd(scale, '0'));
      total += sign === '-' ? -value : value;
      return true;
    },
    toString() {
      const negative = total < 0n;
      const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
      const whole = digits.slice(0, digits.length - scale);
      const fraction = digits.slice(digits.length - scale);
      return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
    },
  };
}
