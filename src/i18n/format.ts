/** Values substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>

const PLACEHOLDER = /\{(\w+)\}/g

/** Replace `{name}` placeholders; a missing parameter leaves the placeholder visible for debugging. */
export function format(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(PLACEHOLDER, (m, name: string) => (name in params ? String(params[name]) : m))
}
