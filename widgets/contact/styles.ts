/** Styles of the contact view; class names start with `ct-` so they never meet other views' sheets. */
export const contactCss = `
.ct{display:grid;gap:16px}
.ct h3{margin:0;font-size:calc(15*var(--hf-px));font-weight:600}
.ct-ref{margin:0;overflow-wrap:anywhere;color:var(--hf-muted)}
.ct-guide{padding:12px 14px;border-radius:10px;border:1px solid var(--hf-border);background:var(--hf-surface)}
.ct-guide p{margin:0}
.ct-guide p+p{margin-top:4px}
.ct-urgent{border-color:var(--hf-danger);border-left-width:4px}
.ct-official{margin:0}
.ct-list{display:grid;gap:10px;margin:0;padding:0;list-style:none}
.ct-item{display:grid;gap:6px;padding:12px 14px;border:1px solid var(--hf-border);border-radius:10px}
.ct-item[data-recommended]{border-color:var(--hf-primary);border-width:2px}
.ct-head{display:flex;align-items:center;gap:8px;flex-wrap:wrap}
.ct-badge{padding:2px 8px;border-radius:10px;background:var(--hf-primary);color:var(--hf-on-primary);font-size:calc(12*var(--hf-px));font-weight:600}
.ct-item p{margin:0}
.ct-status{font-size:calc(13*var(--hf-px));color:var(--hf-muted)}
.ct-status[data-open=true]::before{content:"";display:inline-block;width:8px;height:8px;margin-right:6px;border-radius:50%;background:#1e8e3e;vertical-align:middle}
.ct-wait{display:grid;grid-template-columns:minmax(0,1fr)}
.ct-wait>*{grid-area:1/1}
.ct-fit{visibility:hidden;padding-left:14px;font-size:calc(13*var(--hf-px))}
.ct-fit::before{content:attr(data-text)}
.ct-actions{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.ct-link{display:inline-flex;align-items:center;min-height:44px;padding:0 16px;border-radius:8px;background:var(--hf-primary);color:var(--hf-on-primary);font-weight:600;text-decoration:none;overflow-wrap:anywhere}
.ct-link.ct-plain{min-height:24px;padding:0;background:none;color:var(--hf-primary);font-weight:400;text-decoration:underline}
.ct-number{font-variant-numeric:tabular-nums;user-select:all;overflow-wrap:anywhere}
.ct-item details summary{min-height:24px;cursor:pointer;color:var(--hf-primary)}
.ct-hours{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:6px 0 0}
.ct-hours dt{color:var(--hf-muted)}
.ct-hours dd{margin:0}
.ct-sub{display:grid;gap:8px;margin:0;padding:0;list-style:none}
.ct-sub address{font-style:normal;overflow-wrap:anywhere}
.ct-section ul{margin:6px 0 0;padding-left:20px}
`

export { useSheet } from '../ui/useSheet.js'
