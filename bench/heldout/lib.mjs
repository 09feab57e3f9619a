// Shared helpers for the held-out evaluation data (generator + verifier).
export function luhnValid(d) {
  if (!/^\d+$/.test(d)) return false;
  let sum = 0, dbl = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let v = +d[i];
    if (dbl) { v *= 2; if (v > 9) v -= 9; }
    sum += v; dbl = !dbl;
  }
  return sum % 10 === 0;
}
export function luhnCheckDigit(partial) {
  for (let c = 0; c < 10; c++) if (luhnValid(partial + c)) return String(c);
}
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MAP = '10X98765432';
export function cnIdCheck(first17) {
  let s = 0; for (let i = 0; i < 17; i++) s += +first17[i] * W[i];
  return MAP[s % 11];
}
export function cnIdValid(id) {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  if (cnIdCheck(id.slice(0, 17)) !== id[17]) return false;
  const y = +id.slice(6, 10), m = +id.slice(10, 12), d = +id.slice(12, 14);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2026 && dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}
export function ibanMod97(s) {
  const r = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of r) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const c of v) rem = (rem * 10 + +c) % 97;
  }
  return rem;
}
export function ibanValid(s) { return /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s) && ibanMod97(s) === 1; }
export function ibanMake(cc, bban) {
  const rem = ibanMod97(cc + '00' + bban);
  return cc + String(98 - rem).padStart(2, '0') + bban;
}
// Map every Unicode decimal digit (\p{Nd}) to ASCII after NFKC.
const ZEROS = [0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10];
export function asciiDigits(s) {
  return s.normalize('NFKC').replace(/\p{Nd}/gu, ch => {
    const cp = ch.codePointAt(0);
    for (const z of ZEROS) if (cp >= z && cp <= z + 9) return String(cp - z);
    return ch;
  });
}
// Canonical forms used to decide whether a secret "survived" in some text.
//  digits kinds (card, cn-id, mobile, code, cvv, numeric password): the stream of digits (+X for ids)
//  iban: uppercase alphanumerics;  email/password: NFKC, invisible (\p{Cf}) chars removed.
export function canon(kind, text) {
  const t = asciiDigits(text);
  if (kind === 'cn-id') return t.toUpperCase().replace(/[^0-9X]/g, '');
  if (kind === 'iban') return t.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (kind === 'email') return t.replace(/\p{Cf}/gu, '').toLowerCase();
  if (kind === 'password') return t.replace(/\p{Cf}/gu, '');
  return t.replace(/\D/g, '');
}
export function survives(kind, text, secret) {
  if (kind === 'password' && /^\d+$/.test(secret)) return canon('code', text).includes(secret);
  return canon(kind, text).includes(kind === 'email' ? secret.toLowerCase() : secret);
}
export function countIn(hay, needle) { let n = 0, i = -1; while ((i = hay.indexOf(needle, i + 1)) >= 0) n++; return n; }
// Escape invisible / ambiguous characters as \uXXXX in serialized JSON.
export function escapeInvisible(json) {
  // eslint-disable-next-line no-misleading-character-class -- lone combining marks are what it escapes
  return json.replace(/[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g,
    c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
