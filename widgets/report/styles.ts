/** Styles of the report and requests views (lazy chunks, so they arrive with them). */
export const reportCss = `
.rf{display:grid;gap:16px}
.rf h3{margin:0;font-size:calc(16*var(--hf-px));outline:none}
.rf-field{display:flex;flex-direction:column;gap:6px;min-width:0}
.rf-field>label,.rf-field legend{font-weight:600}
.rf-field fieldset{margin:0;padding:0;border:0;min-width:0}
.rf-req{font-weight:400;color:var(--hf-muted);margin-inline-start:4px}
.rf-help{margin:0;color:var(--hf-muted);font-size:calc(13*var(--hf-px))}
.rf-err{margin:0;color:var(--hf-danger);font-size:calc(13*var(--hf-px));font-weight:600}
.rf [aria-invalid=true]{border-color:var(--hf-danger);border-width:2px}
.rf-choices{display:flex;flex-wrap:wrap;gap:8px;margin-top:6px}
.rf-choice{display:inline-flex;align-items:center;gap:8px;min-height:44px;min-width:44px;padding:0 14px;border:1px solid var(--hf-border);border-radius:8px;cursor:pointer}
.rf-choice input{width:20px;height:20px;min-height:0;margin:0}
.rf-alert{padding:10px 12px;border-radius:8px;background:var(--hf-warn-bg)}
.rf-alert:empty{display:none}
.rf-alert ul,.rf-notice ul{margin:6px 0 0;padding-inline-start:20px}
.rf-notice{padding:10px 12px;border-radius:8px;background:var(--hf-surface);font-size:calc(14*var(--hf-px))}
.rf-card{padding:12px 14px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-surface);overflow-wrap:anywhere}
.rf-card p{margin:2px 0}
.rf-list{display:grid;gap:8px;margin:0;padding:0;list-style:none}
.rf-item{display:flex;flex-direction:column;align-items:flex-start;gap:2px;width:100%;min-height:44px;padding:10px 14px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-surface);text-align:left;cursor:pointer;overflow-wrap:anywhere}
.rf-item:hover{border-color:var(--hf-primary)}
.rf-item b{font-weight:600}
.rf-item span{color:var(--hf-muted);font-size:calc(13*var(--hf-px))}
.rf-row{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.rf-actions{display:flex;flex-wrap:wrap;gap:8px}
.rf-link{min-height:44px;padding:0 4px;border:0;background:transparent;color:var(--hf-primary);text-decoration:underline;cursor:pointer}
.rf-guidance{display:grid;gap:10px;padding:14px;border:2px solid var(--hf-danger);border-radius:10px}
.rf-guidance p{margin:0}
.rf-file{position:relative;display:inline-flex;align-items:center;width:max-content}
.rf-file:focus-within{outline:3px solid var(--hf-primary);outline-offset:2px}
.rf-file input{position:absolute;inset:0;opacity:0;width:100%;cursor:pointer}
.rf-ref{font-size:calc(20*var(--hf-px));font-weight:700;letter-spacing:.5px;overflow-wrap:anywhere}
.chip{display:inline-block;padding:2px 10px;border-radius:999px;border:1px solid var(--hf-border);background:var(--hf-bg);color:var(--hf-text);font-size:calc(12*var(--hf-px));font-weight:600;white-space:nowrap}
.chip[data-tone=warn]{border-color:var(--hf-danger);color:var(--hf-danger)}
.chip[data-tone=done]{background:var(--hf-surface);color:var(--hf-muted)}
.chip[data-tone=active]{border-color:var(--hf-primary);color:var(--hf-primary)}
.rf-timeline{margin:0;padding:0 0 0 18px;border-inline-start:2px solid var(--hf-border);list-style:none;display:grid;gap:8px}
.rf-timeline li{position:relative}
.rf-timeline li::before{content:"";position:absolute;left:-25px;top:6px;width:10px;height:10px;border-radius:50%;background:var(--hf-primary)}
.rf-comments{margin:0;padding:0;list-style:none;display:grid;gap:10px}
.rf-comment{padding:10px 12px;border-radius:10px;background:var(--hf-surface);overflow-wrap:anywhere}
.rf-comment[data-author=user]{background:transparent;border:1px solid var(--hf-border)}
.rf-comment p{margin:4px 0 0;white-space:pre-wrap}
.rf-meta{color:var(--hf-muted);font-size:calc(13*var(--hf-px))}
.rf [hidden]{display:none!important}
.rf-sticky{position:sticky;bottom:-16px;z-index:1;margin:0 -16px -16px;padding:10px 16px 16px;background:var(--hf-bg);border-top:1px solid var(--hf-border)}
.rf-sticky>button{flex:1 1 100%;width:100%;min-height:48px}
.body:has(.rf-sticky){scroll-padding-bottom:calc(60px + 24*var(--hf-px))}
.rf-counter[data-counter=short]{color:var(--hf-text)}
.rf-txs{gap:6px}
.rf-tx{display:grid;gap:2px;width:100%;min-height:44px;padding:8px 12px;border:1px solid var(--hf-border);border-radius:8px;background:var(--hf-bg);color:var(--hf-text);text-align:left;cursor:pointer}
.rf-tx[aria-pressed=true],.rf-tx:hover{border-color:var(--hf-primary)}
.rf-tx-main{display:flex;justify-content:space-between;gap:8px;overflow-wrap:anywhere}
.rf-card:focus{outline:3px solid var(--hf-primary);outline-offset:2px}
.rf-group{margin:0;font-size:calc(13*var(--hf-px));font-weight:600;color:var(--hf-muted)}
.rf-cat{flex-direction:row;align-items:center;gap:12px}
.rf-cat[data-suggested]{border:2px solid var(--hf-primary)}
.rf-cat-text{display:flex;flex-direction:column;gap:2px;color:inherit!important;font-size:inherit!important}
.rf-icon{flex:none;width:28px;height:28px;padding:6px;border-radius:50%;background:var(--hf-bg);color:var(--hf-primary)}
[data-group=urgent] .rf-icon{color:var(--hf-danger)}
.rf-tiles{display:flex;flex-wrap:wrap;align-items:flex-start;gap:10px;margin:0;padding:0;list-style:none}
.rf-tile{position:relative;display:grid;align-content:start;gap:4px;width:104px}
.rf-tile img,.rf-tile .rf-ph{width:104px;height:104px;object-fit:cover;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-surface)}
.rf-tile[data-state=processing] img,.rf-tile[data-state=uploading] img{opacity:.6}
.rf-tile[data-state=failed] .rf-ph{border:2px solid var(--hf-danger)}
.rf-x{position:absolute;top:-10px;right:-10px;display:grid;place-items:center;width:44px;height:44px;min-height:0;padding:0;border:0;background:transparent;cursor:pointer}
.rf-x span{display:grid;place-items:center;width:26px;height:26px;border-radius:50%;background:var(--hf-text);color:var(--hf-bg);font-size:calc(16*var(--hf-px));line-height:1;border:2px solid var(--hf-bg)}
.rf-tile-state{font-size:calc(12*var(--hf-px));color:var(--hf-muted);overflow-wrap:anywhere}
.rf-tile[data-state=failed] .rf-tile-state{color:var(--hf-danger);font-weight:600}
.rf-tile progress{width:100%;height:6px;accent-color:var(--hf-primary)}
.rf-thumbs{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.rf-thumbs a{display:block;border-radius:8px}
.rf-thumbs img{display:block;width:72px;height:72px;object-fit:cover;border:1px solid var(--hf-border);border-radius:8px}
.rf-steps{display:grid;grid-template-columns:repeat(4,1fr);gap:4px;margin:0;padding:0;list-style:none;counter-reset:step}
.rf-step{display:grid;justify-items:center;gap:4px;text-align:center;font-size:calc(12*var(--hf-px));color:var(--hf-muted)}
.rf-step::before{content:"";display:block;width:100%;height:4px;border-radius:2px;background:var(--hf-border)}
.rf-step[data-done]::before,.rf-step[aria-current=step]::before{background:var(--hf-primary)}
.rf-step[aria-current=step]{color:var(--hf-text);font-weight:700}
.rf-next{margin:0;padding:10px 12px;border-radius:8px;background:var(--hf-surface)}
.rf-next p{margin:0}
.rf-refrow{display:flex;flex-wrap:wrap;align-items:center;gap:4px 8px}
.rf-copy{min-height:44px;padding:0 12px}
.rf-dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
.rf-dl dt{color:var(--hf-muted)}
.rf-dl dd{margin:0;overflow-wrap:anywhere}
.rf-dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:var(--hf-primary)}
.rf-empty{display:grid;gap:10px;justify-items:start;padding:8px 0}
.rf-empty p{margin:0}
`

export { useSheet } from '../ui/useSheet.js'
