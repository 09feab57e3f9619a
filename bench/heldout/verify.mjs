// Verifies the held-out data. Run: node verify.mjs   (exit code 1 on any error)
import { readFileSync, readdirSync } from 'node:fs';
import { luhnValid, cnIdValid, ibanValid, survives, canon, countIn, asciiDigits } from './lib.mjs';
const here = new URL('.', import.meta.url);
const errors = [], warns = [];
const err = m => errors.push(m), warn = m => warns.push(m);

// ---- article ids (front matter `id:`) ----
const artRoot = new URL('../../examples/articles', import.meta.url).pathname;
const ids = new Map();
for (const loc of ['en', 'zh-CN']) for (const f of readdirSync(`${artRoot}/${loc}`)) {
  if (!f.endsWith('.md')) continue;
  const m = readFileSync(`${artRoot}/${loc}/${f}`, 'utf8').match(/^id:\s*(\S+)/m);
  ids.set(m ? m[1] : f.replace(/\.md$/, ''), loc);
}

// ---- search queries ----
const Q = JSON.parse(readFileSync(new URL('../data/queries-tune4.json', here), 'utf8'));
const CLASSES = ['topic-word', 'paraphrase', 'colloquial', 'typo', 'english-function-words', 'english-inflection', 'mixed', 'traditional', 'long'];
const byClass = {}, byLocale = {}, seen = new Set(), used = new Set();
for (const [i, q] of Q.entries()) {
  if (typeof q.q !== 'string' || !q.q.trim()) err(`query ${i}: empty q`);
  if (!['zh-CN', 'en'].includes(q.locale)) err(`query ${i}: bad locale`);
  if (!CLASSES.includes(q.class)) err(`query ${i}: bad class ${q.class}`);
  if (!Array.isArray(q.relevant) || !q.relevant.length) err(`query ${i}: no relevant`);
  for (const r of q.relevant) {
    if (!ids.has(r)) err(`query ${i} "${q.q}": unknown article ${r}`);
    else if (ids.get(r) !== (q.locale === 'en' ? 'en' : 'zh-CN')) err(`query ${i}: article ${r} not in locale ${q.locale}`);
    used.add(r);
  }
  const key = q.locale + '|' + q.q.toLowerCase();
  if (seen.has(key)) err(`duplicate query ${q.q}`); seen.add(key);
  byClass[q.class] = (byClass[q.class] || 0) + 1; byLocale[q.locale] = (byLocale[q.locale] || 0) + 1;
}
if (Q.length < 150) err(`only ${Q.length} queries`);
const zhShare = byLocale['zh-CN'] / Q.length;
if (zhShare < 0.55 || zhShare > 0.65) warn(`zh-CN share ${zhShare.toFixed(2)}`);
const unusedArticles = [...ids.keys()].filter(k => !used.has(k));

// ---- masking ----
const M = JSON.parse(readFileSync(new URL('masking-cases.json', here), 'utf8'));
const KINDS = ['card', 'cn-id', 'mobile', 'code', 'cvv', 'password', 'iban', 'email'];
const byKind = {};
const cardPrefix = p => /^4/.test(p) || /^5[1-5]/.test(p) || (+p.slice(0, 4) >= 2221 && +p.slice(0, 4) <= 2720) || /^62/.test(p) || /^3[47]/.test(p) || (+p.slice(0, 4) >= 3528 && +p.slice(0, 4) <= 3589);
for (const [i, s] of M.sensitive.entries()) {
  const tag = `sensitive ${i} (${s.kind})`;
  if (!KINDS.includes(s.kind)) err(`${tag}: bad kind`);
  byKind[s.kind] = (byKind[s.kind] || 0) + 1;
  if (!survives(s.kind, s.text, s.secret)) err(`${tag}: secret ${s.secret} not present in text ${JSON.stringify(s.text)}`);
  if (s.kind === 'card') {
    if (!/^\d{13,19}$/.test(s.secret)) err(`${tag}: PAN not 13-19 ASCII digits`);
    if (!luhnValid(s.secret)) err(`${tag}: PAN ${s.secret} fails Luhn`);
    if (!cardPrefix(s.secret)) err(`${tag}: PAN ${s.secret} has no real brand prefix`);
    const okLen = /^3[47]/.test(s.secret) ? s.secret.length === 15 : /^62/.test(s.secret) ? s.secret.length >= 16 && s.secret.length <= 19 : s.secret.length === 16;
    if (!okLen) err(`${tag}: PAN length ${s.secret.length} wrong for prefix`);
    if (s.keep !== s.secret.slice(-4)) err(`${tag}: keep must be last four`);
    if (s.secret.length === 18 && cnIdValid(s.secret)) warn(`${tag}: 18-digit PAN also a valid CN ID`);
  } else if (s.kind === 'cn-id') {
    if (!cnIdValid(s.secret)) err(`${tag}: ID ${s.secret} invalid (check char or date)`);
  } else if (s.kind === 'mobile') {
    if (!/^1[3-9]\d{9}$/.test(s.secret)) err(`${tag}: mobile ${s.secret} invalid`);
  } else if (s.kind === 'code') {
    if (!/^\d{4,8}$/.test(s.secret)) err(`${tag}: code not 4-8 digits`);
  } else if (s.kind === 'cvv') {
    if (!/^\d{3,4}$/.test(s.secret)) err(`${tag}: cvv not 3-4 digits`);
  } else if (s.kind === 'iban') {
    if (!ibanValid(s.secret)) err(`${tag}: IBAN ${s.secret} fails mod-97`);
  } else if (s.kind === 'email') {
    if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(s.secret)) err(`${tag}: bad email`);
  }
  // short numeric secrets must occur exactly once in the text's digit stream, so that a survival check is unambiguous
  if (['code', 'cvv'].includes(s.kind) || (s.kind === 'password' && /^\d+$/.test(s.secret))) {
    const n = countIn(canon('code', s.text), s.secret);
    if (n !== 1) err(`${tag}: secret ${s.secret} occurs ${n}x in digit stream`);
  }
}
if (M.sensitive.length < 150) err(`only ${M.sensitive.length} sensitive`);

// benign: mustKeep present; no digit run looks like a card / CN ID / CN mobile
let windowsWithLuhn = 0;
for (const [i, b] of M.benign.entries()) {
  const tag = `benign ${i}`;
  if (!Array.isArray(b.mustKeep) || !b.mustKeep.length) err(`${tag}: empty mustKeep`);
  for (const k of b.mustKeep) if (!b.text.includes(k)) err(`${tag}: mustKeep "${k}" not in text`);
  const t = asciiDigits(b.text);
  for (const run of t.match(/\d+/g) || []) {
    if (run.length >= 12 && run.length <= 19 && luhnValid(run)) err(`${tag}: digit run ${run} is Luhn-valid (card-like)`);
    if (/^62/.test(run) && run.length >= 16 && run.length <= 19) err(`${tag}: 62-prefixed ${run}`);
    if (run.length === 11 && /^1[3-9]/.test(run)) err(`${tag}: mobile-like ${run}`);
    if (run.length === 28) {
      if (luhnValid(run)) err(`${tag}: 28-digit ${run} Luhn-valid`);
      for (let L = 13; L <= 19; L++) if (luhnValid(run.slice(0, L)) || luhnValid(run.slice(-L))) err(`${tag}: 28-digit ${run} has Luhn-valid leading/trailing ${L}-digit part`);
      for (let L = 13; L <= 19; L++) for (let s = 1; s + L < 28; s++) if (luhnValid(run.slice(s, s + L))) windowsWithLuhn++;
    }
  }
  for (const m of t.matchAll(/\d{17}[\dXx]/g)) if (cnIdValid(m[0].toUpperCase())) err(`${tag}: contains valid CN ID ${m[0]}`);
  // separator-joined digit groups (space . - /) that a lenient card rule might join
  for (const m of t.matchAll(/\d(?:[\d]|[ .\-/](?=\d))+/g)) {
    const j = m[0].replace(/\D/g, '');
    if (j.length >= 12 && j.length <= 19 && luhnValid(j) && cardPrefix(j)) err(`${tag}: joined digits ${j} look like a card`);
  }
}
if (M.benign.length < 100) err(`only ${M.benign.length} benign`);

console.log('Articles:', ids.size, '| articles never used as an answer:', unusedArticles.join(', ') || 'none');
console.log('Queries:', Q.length, byLocale, byClass);
console.log('Sensitive:', M.sensitive.length, byKind);
console.log('Benign:', M.benign.length, `(inner 13-19-digit windows of 28-digit ids that happen to pass Luhn: ${windowsWithLuhn}; only start/end windows are guaranteed non-Luhn)`);
for (const w of warns) console.log('WARN', w);
for (const e of errors) console.log('ERROR', e);
console.log(errors.length ? `FAILED (${errors.length} errors)` : 'OK');
process.exit(errors.length ? 1 : 0);
