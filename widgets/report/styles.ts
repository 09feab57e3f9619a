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
.rf-shots{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.rf-shot{display:flex;flex-direction:column;align-items:center;gap:4px}
.rf-shot img{width:88px;height:88px;object-fit:cover;border:1px solid var(--hf-border);border-radius:8px}
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
`

export { useSheet } from '../ui/useSheet.js'
