import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Article } from '../../src/types.js'
import type { Db } from './db.js'
import { upsertArticleRows } from './store/sqliteRepo.js'
import type { Store } from './store/types.js'

const unquote = (v: string): string =>
  v
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2')
    .trim()

/**
 * Parses a Markdown file with a small YAML-ish front matter (`key: value`, `tags: [a, b]`,
 * `tags: a, b` or a `- a` list). Anything it does not understand is ignored rather than fatal:
 * the articles are written by hand.
 */
export function parseArticle(text: string, fallbackId: string, locale: string): Article | undefined {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const meta: Record<string, string | string[]> = {}
  let body = src
  const fm = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(src)
  if (fm) {
    body = src.slice(fm[0].length)
    let listKey: string | undefined
    for (const line of (fm[1] ?? '').split('\n')) {
      const item = /^\s*-\s+(.*)$/.exec(line)
      if (item && listKey) {
        const list = meta[listKey]
        meta[listKey] = [...(Array.isArray(list) ? list : []), unquote(item[1] ?? '')]
        continue
      }
      const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line)
      if (!kv) continue
      const key = kv[1] as string
      const value = (kv[2] ?? '').trim()
      listKey = value === '' ? key : undefined
      if (value.startsWith('[') && value.endsWith(']'))
        meta[key] = value.slice(1, -1).split(',').map(unquote).filter(Boolean)
      else meta[key] = value === '' ? [] : unquote(value)
    }
  }
  const str = (k: string): string | undefined =>
    typeof meta[k] === 'string' && meta[k] !== '' ? (meta[k] as string) : undefined
  const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim()
  const title = str('title') ?? heading
  if (!title || body.trim() === '') return undefined
  const rawTags = meta.tags
  const tags = Array.isArray(rawTags)
    ? rawTags
    : typeof rawTags === 'string'
      ? rawTags.split(/[,，]/).map(unquote).filter(Boolean)
      : []
  const a: Article = { id: str('id') ?? fallbackId, locale: str('locale') ?? locale, title, body: body.trim(), tags }
  const category = str('category')
  if (category) a.category = category
  const popularity = Number(str('popularity'))
  if (Number.isFinite(popularity) && str('popularity')) a.popularity = popularity
  const updatedAt = str('updatedAt') ?? str('updated')
  if (updatedAt) a.updatedAt = updatedAt
  return a
}

/** Loads `<dir>/<locale>/*.md`; a missing directory yields []. */
export function loadArticles(dir: string): Article[] {
  if (!existsSync(dir)) return []
  const out: Article[] = []
  for (const locale of readdirSync(dir)) {
    const sub = join(dir, locale)
    if (locale.startsWith('.') || !statSync(sub).isDirectory()) continue
    for (const file of readdirSync(sub)
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      try {
        const a = parseArticle(readFileSync(join(sub, file), 'utf8'), basename(file, '.md'), locale)
        if (a) out.push(a)
      } catch (err) {
        console.warn(`[seed] skipped ${locale}/${file}:`, (err as Error).message)
      }
    }
  }
  return out
}

/** A few built-in articles so the demo works before examples/articles exists. */
export const builtinArticles: Article[] = [
  {
    id: 'transfer-delayed',
    locale: 'zh-CN',
    title: '转账未到账怎么办？',
    category: 'transfer',
    tags: ['转账', '到账', '延迟'],
    popularity: 90,
    body: '# 转账未到账怎么办？\n\n大多数转账会在 **2 小时内** 到账。跨行转账遇到节假日可能顺延。\n\n1. 在账单中确认转账状态为“已成功”。\n2. 核对收款人账号与姓名。\n3. 超过 24 小时仍未到账，请在该笔交易上点“报告问题”。',
  },
  {
    id: 'refund-time',
    locale: 'zh-CN',
    title: '退款多久到账？',
    category: 'refund',
    tags: ['退款', '到账时间'],
    popularity: 80,
    body: '# 退款多久到账？\n\n- 退回余额：即时到账。\n- 退回银行卡：1–7 个工作日，以发卡行为准。\n\n如果超过 7 个工作日仍未收到，请联系我们并提供交易单号。',
  },
  {
    id: 'charged-not-received',
    locale: 'zh-CN',
    title: '扣款成功但订单显示失败',
    category: 'payment',
    tags: ['扣款', '支付失败', '重复扣款'],
    popularity: 70,
    body: '# 扣款成功但订单显示失败\n\n这种情况通常会在 **24 小时内自动退回**。请不要重复支付。\n\n如未退回，请在该交易上选择“已扣款未到账”提交问题。',
  },
  {
    id: 'reset-pin',
    locale: 'zh-CN',
    title: '如何修改支付密码',
    category: 'security',
    tags: ['支付密码', '安全'],
    popularity: 60,
    body: '# 如何修改支付密码\n\n进入 **我的 › 安全中心 › 支付密码**，验证身份后即可修改。\n\n客服 **不会** 向您索要密码或验证码。',
  },
  {
    id: 'transfer-delayed',
    locale: 'en',
    title: 'My transfer has not arrived',
    category: 'transfer',
    tags: ['transfer', 'delay'],
    popularity: 90,
    body: '# My transfer has not arrived\n\nMost transfers arrive **within 2 hours**. Interbank transfers may wait for the next business day.\n\n1. Check that the transfer shows as *Succeeded*.\n2. Check the recipient account and name.\n3. After 24 hours, open the transaction and tap **Report a problem**.',
  },
  {
    id: 'refund-time',
    locale: 'en',
    title: 'How long does a refund take?',
    category: 'refund',
    tags: ['refund'],
    popularity: 80,
    body: '# How long does a refund take?\n\n- To your balance: immediately.\n- To a bank card: 1–7 business days, depending on the issuer.',
  },
  {
    id: 'charged-not-received',
    locale: 'en',
    title: 'Charged but the order failed',
    category: 'payment',
    tags: ['charge', 'payment failed', 'duplicate'],
    popularity: 70,
    body: '# Charged but the order failed\n\nThe amount is usually **returned automatically within 24 hours**. Please do not pay twice.',
  },
  {
    id: 'reset-pin',
    locale: 'en',
    title: 'Change your payment PIN',
    category: 'security',
    tags: ['pin', 'security'],
    popularity: 60,
    body: '# Change your payment PIN\n\nGo to **Me › Security › Payment PIN**. Support will **never** ask for your PIN or a one-time code.',
  },
]

/** Upserts articles (same id + locale replaces the text, keeps vote counts). */
export function upsertArticles(db: Db, articles: Article[]): number {
  const now = new Date().toISOString()
  db.transaction(() => upsertArticleRows(db, articles, now))()
  return articles.length
}

const DEMO_USER = { id: 'demo-user', name: '张三', email: 'demo@example.com' }

/** Demo data: articles (from Markdown when present) and a named demo user. */
export function seedDemo(db: Db, articlesDir: string): { articles: number; source: string } {
  const fromFiles = loadArticles(articlesDir)
  const articles = fromFiles.length > 0 ? fromFiles : builtinArticles
  upsertArticles(db, articles)
  const now = new Date().toISOString()
  db.prepare(
    'INSERT INTO users (id, name, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
  ).run(DEMO_USER.id, DEMO_USER.name, DEMO_USER.email, now, now)
  return { articles: articles.length, source: fromFiles.length > 0 ? articlesDir : 'built-in' }
}

/** `seedDemo` through the store: works on SQLite and Postgres alike. */
export async function seedStore(store: Store, articlesDir: string): Promise<{ articles: number; source: string }> {
  const fromFiles = loadArticles(articlesDir)
  const articles = fromFiles.length > 0 ? fromFiles : builtinArticles
  const now = new Date().toISOString()
  await store.tx(async (repo) => {
    await repo.upsertArticles(articles, now)
    await repo.insertUserIfMissing(DEMO_USER.id, DEMO_USER.name, DEMO_USER.email, now)
  })
  return { articles: articles.length, source: fromFiles.length > 0 ? articlesDir : 'built-in' }
}
