/** Chat styles, shipped with the chat chunk. Colours come from the host's variables. */
export const chatCss = `
.chat{display:flex;flex-direction:column;height:calc(100% + 32px);margin:-16px;min-height:0;box-sizing:border-box}
.chat-head{padding:10px 16px 6px;border-bottom:1px solid var(--hf-border)}
.status-line{display:flex;align-items:center;gap:8px;min-height:32px}
.status-line p{margin:0;font-size:calc(14*var(--hf-px))}
.avatar{width:32px;height:32px;border-radius:50%;flex:none;object-fit:cover}
.avatar.initial{display:inline-grid;place-items:center;background:var(--hf-primary);color:var(--hf-on-primary);font-weight:600}
.chat-actions{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.secondary.small{min-height:32px;padding:0 10px;font-size:calc(13*var(--hf-px));color:var(--hf-text)}
.chat-safety{margin:0;padding:8px 16px;background:var(--hf-warn-bg);font-size:calc(12*var(--hf-px));line-height:1.4}
.log{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;padding:8px 12px;outline-offset:-3px}
.row{display:flex;flex-direction:column;align-items:flex-start;padding:4px 0}
.row.user{align-items:flex-end}
.row.event p{margin:6px auto;color:var(--hf-muted);font-size:calc(12*var(--hf-px));text-align:center}
.bubble{max-width:85%;padding:8px 12px;border-radius:14px;background:var(--hf-surface);overflow-wrap:anywhere;box-sizing:border-box}
.row.user .bubble{background:var(--hf-primary);color:var(--hf-on-primary)}
.row.user .bubble a{color:inherit}
.row[data-state=failed] .bubble{opacity:.75}
.bubble .who{display:block;font-size:calc(12*var(--hf-px));font-weight:600;margin-bottom:2px}
.bubble .text{margin:0;white-space:pre-wrap;line-height:1.45}
.bubble .warn{margin:6px 0 0;padding:6px 8px;border-radius:8px;background:var(--hf-warn-bg);color:var(--hf-text);font-size:calc(12*var(--hf-px))}
.shot{display:block;height:160px;max-width:100%;object-fit:contain;border-radius:8px;margin-bottom:4px}
.tx-card{display:flex;flex-direction:column;gap:2px;font-size:calc(13*var(--hf-px))}
.meta{display:flex;gap:8px;align-items:center;margin-top:2px;color:var(--hf-muted);font-size:calc(11*var(--hf-px))}
.retry{min-height:24px;padding:0 6px;border:0;background:transparent;color:var(--hf-danger);font:inherit;font-size:calc(12*var(--hf-px));text-decoration:underline;cursor:pointer}
.typing{margin:0;padding:0 16px;min-height:18px;color:var(--hf-muted);font-size:calc(12*var(--hf-px))}
.composer{border-top:1px solid var(--hf-border);padding:8px 8px calc(8px + env(safe-area-inset-bottom,0px));background:var(--hf-bg)}
.compose-row{display:flex;flex-wrap:wrap;align-items:flex-end;gap:4px}
.compose-row textarea{flex:1 1 8em;min-width:0;min-height:44px;max-height:120px;resize:none;line-height:1.4}
.send{display:inline-grid;place-items:center;min-width:44px;padding:0 12px}
.notice-line{margin:0;font-size:calc(12*var(--hf-px));color:var(--hf-muted)}
.notice-line:empty{display:none}
.confirm{margin-bottom:8px;padding:10px;border-radius:8px;background:var(--hf-warn-bg);font-size:calc(13*var(--hf-px))}
.confirm p{margin:0 0 8px}
.actions{display:flex;gap:8px;flex-wrap:wrap}
.picker{margin-bottom:8px;border:1px solid var(--hf-border);border-radius:10px;max-height:220px;overflow:auto}
.picker-head{display:flex;align-items:center;justify-content:space-between;padding:0 4px 0 12px}
.picker ul{margin:0;padding:0 8px 8px;list-style:none;display:grid;gap:6px}
.tx-option{display:flex;flex-direction:column;align-items:flex-start;width:100%;min-height:44px;padding:8px 10px;border:1px solid var(--hf-border);border-radius:8px;background:var(--hf-surface);color:var(--hf-text);text-align:left;cursor:pointer;overflow-wrap:anywhere}
.tx-option span{color:var(--hf-muted);font-size:calc(12*var(--hf-px))}
.leave,.rating{display:flex;flex-direction:column;gap:8px;padding:12px 16px;overflow:auto}
.leave label{font-weight:600}
.leave p{margin:0}
.rating fieldset{border:0;margin:0;padding:0}
.rating legend{font-weight:600;margin-bottom:6px}
.chat>.status{margin:8px 16px}
.chat-intro{flex:1;min-height:0;overflow:auto;padding:16px}
.chat-intro h3{margin:0 0 6px;font-size:calc(17*var(--hf-px))}
.chat-intro p{margin:0 0 10px;color:var(--hf-muted)}
@media (max-height:34em),(max-width:22em){.chat{height:auto;min-height:calc(100% + 32px)}.log{flex:none;height:max(14em,60vh)}.chat-intro{flex:none;overflow:visible}.composer{position:sticky;bottom:-16px;z-index:1}}
@media (prefers-reduced-motion:no-preference){.row{animation:hf-chat-in .12s ease-out}@keyframes hf-chat-in{from{opacity:.4}}}
`
