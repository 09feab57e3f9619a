#!/usr/bin/env node
// Held-out set checker: node /work/heldout2/verify.mjs
// Reads only search-queries.json (next to this file, bench/heldout/) and the article front matter.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ARTICLES = process.env.ARTICLES_DIR || join(here, '../../examples/articles');
const FOLDERS = ['en', 'zh-CN', 'zh-TW'];
const errors = [];
const warnings = [];
const err = (m) => errors.push(m);

// ---- load articles: id -> {folder, file, title}
const byFolder = {};
const allIds = new Map();
for (const f of FOLDERS) {
  byFolder[f] = new Map();
  for (const file of readdirSync(join(ARTICLES, f)).filter((n) => n.endsWith('.md'))) {
    const txt = readFileSync(join(ARTICLES, f, file), 'utf8');
    const fm = /^---\n([\s\S]*?)\n---/.exec(txt);
    if (!fm) { err(`article ${f}/${file}: no front matter`); continue; }
    const id = /^id:\s*(.+)$/m.exec(fm[1])?.[1].trim();
    const title = /^title:\s*(.+)$/m.exec(fm[1])?.[1].trim() ?? '';
    if (!id) { err(`article ${f}/${file}: no id`); continue; }
    byFolder[f].set(id, { file, title });
    allIds.set(id, { folder: f, file, title });
  }
}

// ---- load queries
let data;
if (!existsSync(join(here, 'search-queries.json'))) {
  console.error(`no held-out search set at ${join(here, 'search-queries.json')}`);
  process.exit(1);
}
try { data = JSON.parse(readFileSync(join(here, 'search-queries.json'), 'utf8')); }
catch (e) { console.error('cannot parse search-queries.json:', e.message); process.exit(1); }
if (!Array.isArray(data)) { console.error('top level must be an array'); process.exit(1); }

const CLASSES = {
  'zh-CN': ['topic-word', 'paraphrase', 'colloquial', 'typo', 'mixed', 'long'],
  en: ['topic-word', 'paraphrase', 'typo', 'question', 'inflection'],
  'zh-TW': ['traditional'],
};
const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;
// characters that are clearly one script only (common in wallet queries)
const SIMP_SET = new Set([...'账号码钱还么们这没转银绑验证话额户单录丢记复换开应说发实认识务关问过时让对页'].filter((c) => c !== '卡' && c !== '扣' && c !== '删' && c !== '图'));
const TRAD_SET = new Set([...'帳號碼錢還麼們這沒轉銀綁驗證話額戶單錄丟記復換開應說發實認識務關問過時讓對頁簡訊匯領']);
const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
const titles = new Set([...allIds.values()].map((a) => norm(a.title)));

const seen = new Map();
const covered = new Set();
const counts = {};
let twFallback = 0;

data.forEach((o, i) => {
  const at = `#${i} ${JSON.stringify(o?.q)}`;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return err(`${at}: not an object`);
  const keys = Object.keys(o).sort().join(',');
  if (keys !== 'class,locale,q,relevant') err(`${at}: keys must be exactly q,locale,relevant,class (got ${keys})`);
  const { q, locale, relevant, class: cls } = o;
  if (typeof q !== 'string' || !q.trim()) return err(`${at}: q must be a non-empty string`);
  if (q !== q.trim()) err(`${at}: q has leading/trailing whitespace`);
  if (!CLASSES[locale]) return err(`${at}: bad locale ${locale}`);
  if (!CLASSES[locale].includes(cls)) err(`${at}: class ${cls} not allowed for ${locale}`);
  if (!Array.isArray(relevant) || relevant.length === 0 || !relevant.every((r) => typeof r === 'string'))
    return err(`${at}: relevant must be a non-empty string[]`);
  if (new Set(relevant).size !== relevant.length) err(`${at}: duplicate id in relevant`);
  if (relevant.length > 3) err(`${at}: more than 3 relevant ids`);

  // duplicates
  const k = norm(q);
  if (seen.has(k)) err(`${at}: duplicate of #${seen.get(k)}`);
  else seen.set(k, i);
  // no verbatim titles
  if (titles.has(k)) err(`${at}: copies an article title verbatim`);

  // script sanity
  if (locale === 'en') {
    if (HAN.test(q)) err(`${at}: Han characters in an en query`);
    if (!LATIN.test(q)) err(`${at}: en query has no Latin letters`);
  } else {
    if (!HAN.test(q)) err(`${at}: zh query without Han characters`);
  }
  if (locale === 'zh-TW') {
    const bad = [...q].filter((c) => SIMP_SET.has(c));
    if (bad.length) err(`${at}: Simplified-only characters in zh-TW query: ${bad.join('')}`);
  }
  if (locale === 'zh-CN') {
    const bad = [...q].filter((c) => TRAD_SET.has(c));
    if (bad.length) err(`${at}: Traditional-only characters in zh-CN query: ${bad.join('')}`);
  }
  // class-specific shape
  if (cls === 'long' && [...q.replace(/\s/g, '')].length < 25) err(`${at}: long query shorter than 25 chars`);
  if (cls === 'mixed' && !/[A-Za-z0-9０-９]/.test(q)) err(`${at}: mixed query has no Latin letters or digits`);
  if (cls === 'topic-word' && locale === 'zh-CN') {
    const n = [...q].length;
    if (n < 2 || n > 4 || !/^\p{Script=Han}+$/u.test(q)) err(`${at}: zh topic-word must be 2–4 Han characters`);
  }
  if (cls === 'topic-word' && locale === 'en' && q.split(/\s+/).length > 3) err(`${at}: en topic-word longer than 3 words`);
  if (cls === 'question' && !/^(why|how|what|when|where|is|can|do|does|will|who)\b/i.test(q)) err(`${at}: question should start with a question word`);

  // relevant ids exist in the right folder
  for (const id of relevant) {
    const a = allIds.get(id);
    if (!a) { err(`${at}: unknown id ${id}`); continue; }
    covered.add(id);
    if (locale === 'en' && a.folder !== 'en') err(`${at}: en query must use en ids (${id} is ${a.folder})`);
    if (locale === 'zh-CN' && a.folder !== 'zh-CN') err(`${at}: zh-CN query must use zh-CN ids (${id} is ${a.folder})`);
    if (locale === 'zh-TW') {
      if (a.folder === 'en') err(`${at}: zh-TW query with en id ${id}`);
      if (a.folder === 'zh-CN' && existsSync(join(ARTICLES, 'zh-TW', a.file)))
        err(`${at}: ${id} has a zh-TW article (zh-TW/${a.file}); use its zh-TW id`);
    }
  }
  if (locale === 'zh-TW' && relevant.some((id) => allIds.get(id)?.folder === 'zh-CN')) twFallback++;

  counts[locale] ??= {};
  counts[locale][cls] = (counts[locale][cls] ?? 0) + 1;
});

// coverage
for (const id of allIds.keys()) if (!covered.has(id)) err(`article ${id} (${allIds.get(id).folder}) is not covered by any query`);
if (data.length < 210) err(`only ${data.length} queries (< 210)`);
if (twFallback < 12) err(`only ${twFallback} zh-TW queries fall back to zh-CN articles (< 12)`);

// report
const multi = data.filter((o) => Array.isArray(o?.relevant) && o.relevant.length > 1).length;
console.log('queries by locale x class');
for (const loc of Object.keys(CLASSES)) {
  const row = counts[loc] ?? {};
  const total = Object.values(row).reduce((a, b) => a + b, 0);
  console.log(`  ${loc.padEnd(6)} total ${String(total).padStart(3)}  ` + CLASSES[loc].map((c) => `${c}=${row[c] ?? 0}`).join(' '));
}
console.log(`  all    total ${data.length}; multi-answer ${multi}; zh-TW→zh-CN fallback ${twFallback}; articles covered ${covered.size}/${allIds.size}`);
for (const w of warnings) console.log('warn:', w);
if (errors.length) {
  for (const e of errors) console.error('ERROR:', e);
  console.error(`FAIL (${errors.length} errors)`);
  process.exit(1);
}
console.log('OK');
