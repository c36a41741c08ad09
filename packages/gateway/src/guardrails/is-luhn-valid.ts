// The Luhn checksum every payment card number carries: a digit run that fails it is not a
// card number, which keeps order numbers and timestamps from being masked as cards.

export function isLuhnValid(candidate: string): boolean {
  let sum = 0;
  let double = false;
  let digits = 0;
  for (let index = candidate.length - 1; index >= 0; index -= 1) {
    const code = candidate.charCodeAt(index);
    if (code < 48 || code > 57) continue;
    let digit = code - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
    digits += 1;
  }
  return digits >= 12 && sum % 10 === 0;
}
