/** Styles of the help views. Added once per shadow root by `useHelpStyles`, with the panel's nonce. */
export const helpCss = `
.help-results{display:grid;gap:6px;margin:0;padding:0;list-style:none}
.help-result{display:flex;flex-direction:column;align-items:flex-start;gap:2px;width:100%;min-height:44px;padding:10px 12px;border:1px solid var(--hf-border);border-radius:10px;background:var(--hf-bg);text-align:left;cursor:pointer}
.help-result:hover{border-color:var(--hf-primary)}
.help-result-title{font-weight:600;overflow-wrap:anywhere}
.help-result-snippet{color:var(--hf-muted);font-size:calc(13*var(--hf-px));overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;line-clamp:2;overflow:hidden}
.help-results mark{background:var(--hf-warn-bg);color:var(--hf-text);font-weight:600;border-radius:2px}
.help-section{margin-top:20px;overflow-wrap:anywhere}
.help-section h3{margin:0 0 8px;font-size:calc(15*var(--hf-px))}
.help-empty p{margin:0 0 8px;overflow-wrap:anywhere}
.help-wait{animation:hf-wait .4s step-end}@keyframes hf-wait{from{visibility:hidden}}
.help-actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.help-article h3{margin:0 0 12px;font-size:calc(19*var(--hf-px));line-height:1.35;outline:none}
.help-md{overflow-wrap:anywhere}
.help-md h4,.help-md h5,.help-md h6{margin:18px 0 6px;font-size:calc(16*var(--hf-px))}
.help-md p,.help-md ul,.help-md ol,.help-md blockquote,.help-md pre{margin:0 0 10px}
.help-md ul,.help-md ol{padding-left:22px}
.help-md li{margin:2px 0}
.help-md blockquote{padding:8px 12px;border-left:3px solid var(--hf-primary);background:var(--hf-surface);border-radius:0 8px 8px 0}
.help-md code{padding:1px 4px;border-radius:4px;background:var(--hf-surface);font-size:.92em}
.help-md pre{padding:10px;border-radius:8px;background:var(--hf-surface);overflow:auto;white-space:pre-wrap}
.help-md pre code{padding:0;background:none}
.help-md hr{border:0;border-top:1px solid var(--hf-border);margin:14px 0}
.help-table{overflow-x:auto;margin:0 0 10px}
.help-md table{border-collapse:collapse;width:100%;font-size:calc(14*var(--hf-px))}
.help-md th,.help-md td{padding:6px 8px;border:1px solid var(--hf-border);text-align:left;vertical-align:top}
.help-md th{background:var(--hf-surface)}
.help-md .al-center{text-align:center}.help-md .al-right{text-align:right}
.help-link{display:inline;min-height:0;padding:0;border:0;background:none;color:var(--hf-primary);text-decoration:underline;cursor:pointer}
.help-vote{margin-top:20px;padding:12px 14px;border:1px solid var(--hf-border);border-radius:10px}
.help-vote p{margin:0}
.help-vote .help-actions button{min-width:88px}
.help-selfcheck dl{display:grid;grid-template-columns:auto 1fr;gap:6px 12px;margin:12px 0}
.help-selfcheck dt{color:var(--hf-muted)}
.help-selfcheck dd{margin:0;overflow-wrap:anywhere}
.help-selfcheck .bad{color:var(--hf-danger);font-weight:600}
.help-missing{display:grid;gap:8px;margin-top:10px}
.help-missing fieldset{margin:0 0 8px;padding:0;border:0}
.help-missing legend{margin-bottom:6px;font-weight:600}
.help-choice{display:flex;align-items:center;gap:8px;min-height:44px}
.help-choice input{width:auto;min-height:0;margin:0}
`
