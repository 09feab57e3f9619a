// Generator for the held-out data. Deterministic (seeded). Run: node gen.mjs
import { writeFileSync } from 'node:fs';
import { luhnValid, luhnCheckDigit, cnIdCheck, cnIdValid, ibanMake, escapeInvisible } from './lib.mjs';
import { zh, en } from './queries.src.mjs';

let seed = 20261202;
function rnd() { seed |= 0; seed = seed + 0x6D2B79F5 | 0; let t = Math.imul(seed ^ seed >>> 15, 1 | seed); t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; }
const ri = n => Math.floor(rnd() * n);
const digits = n => Array.from({ length: n }, () => ri(10)).join('');
const pick = a => a[ri(a.length)];

// ---------- search queries ----------
const queries = [
  ...zh.map(([q, relevant, cls]) => ({ q, locale: 'zh-CN', relevant, class: cls })),
  ...en.map(([q, relevant, cls]) => ({ q, locale: 'en', relevant, class: cls })),
];
writeFileSync(new URL('../data/queries-tune4.json', import.meta.url), JSON.stringify(queries, null, 2) + '\n');

// ---------- digit spellings ----------
const FW = s => s.replace(/\d/g, d => String.fromCharCode(0xff10 + +d));
const AR = s => s.replace(/\d/g, d => String.fromCharCode(0x660 + +d));
const DV = s => s.replace(/\d/g, d => String.fromCharCode(0x966 + +d));
function groups(s, sizes) { const out = []; let i = 0; for (const n of sizes) { if (i >= s.length) break; out.push(s.slice(i, i + n)); i += n; } if (i < s.length) out.push(s.slice(i)); return out; }
function sizesFor(s) { if (s.length === 15) return [4, 6, 5]; return [4, 4, 4, 4, 4]; }
const G = sep => s => groups(s, sizesFor(s)).join(sep);
const EACH = sep => s => s.split('').join(sep);

const cardFormats = [
  ['plain', s => s], ['space4', G(' ')], ['dash4', G('-')], ['dot4', G('.')], ['slash4', G('/')],
  ['underscore4', G('_')], ['endash4', G('\u2013')], ['emdash4', G('\u2014')], ['doublespace4', G('  ')],
  ['nbsp4', G('\u00a0')], ['nnbsp4', G('\u202f')], ['zwsp-each', EACH('\u200b')], ['zwj4', G('\u200d')],
  ['bom4', G('\ufeff')], ['shy4', G('\u00ad')], ['newline4', G('\n')], ['fullwidth', FW],
  ['fullwidth-ideospace4', s => groups(FW(s), sizesFor(s)).join('\u3000')], ['arabic-indic-space4', s => G(' ')(AR(s))],
  ['devanagari', DV], ['half-fullwidth', s => s.slice(0, 8) + FW(s.slice(8))], ['space-each', EACH(' ')],
  ['6-rest', s => s.slice(0, 6) + ' ' + s.slice(6)], ['dash-mixed', s => s.slice(0, 4) + '-' + s.slice(4, 8) + ' ' + s.slice(8, 12) + '.' + s.slice(12)],
  ['zwsp4+space', G(' \u200b')], ['crlf4', G('\r\n')], ['tab4', G('\t')], ['nbsp-dash4', G('\u00a0-\u00a0')],
];

function makeCard(prefix, len) {
  for (;;) {
    const partial = prefix + digits(len - prefix.length - 1);
    const pan = partial + luhnCheckDigit(partial);
    if (len === 18 && cnIdValid(pan)) continue;
    return pan;
  }
}
const brands = [
  ['4', 16], ['4', 16], ['4', 16], ['4', 16], ['51', 16], ['53', 16], ['55', 16], ['2221', 16], ['2720', 16], ['2345', 16],
  ['622202', 19], ['621700', 19], ['622848', 19], ['621483', 16], ['622588', 16], ['625807', 16], ['623058', 19], ['620550', 17], ['6217', 18],
  ['34', 15], ['37', 15], ['3528', 16], ['3589', 16], ['3566', 16],
];
const cardTpl = [
  ['zh-CN', c => `我的卡号是 ${c}，为什么一直扣款失败？`],
  ['zh-CN', c => `帮我查下这张卡 ${c} 绑不上是什么原因`],
  ['zh-CN', c => `订单号 ${c} 的退款什么时候到？`],
  ['zh-CN', c => `退款请退到这张卡：\n${c}\n谢谢`],
  ['zh-CN', c => `昨天用 ${c} 付了 ¥299.00 但是显示失败`],
  ['zh-CN', c => `提现到卡${c}一直没到账`],
  ['zh-CN', c => `卡号(${c})被盗刷了，快帮我冻结`],
  ['zh-TW', c => `卡號 ${c} 綁定失敗，請幫忙看一下`],
  ['zh-TW', c => `我的信用卡號碼是${c}，退款還沒收到`],
  ['zh-TW', c => `請問 ${c} 這張卡為什麼不能儲值？`],
  ['en', c => `My card number is ${c} and the payment keeps failing`],
  ['en', c => `ref: ${c} – please check why I was charged twice`],
  ['en', c => `order no ${c} refund still not received`],
  ['en', c => `Card\n${c}\nwas declined at the store today`],
  ['en', c => `I typed it like ${c} so your bot won't hide it lol`],
  ['en', c => `can you refund to ${c}? thanks`],
  ['zh-CN', c => `客服你好，银行卡：${c}，持卡人张伟`],
  ['en', c => `PAN=${c}; exp 09/28`],
];
const sensitive = [];
const NCARD = 56;
for (let i = 0; i < NCARD; i++) {
  const [prefix, len] = brands[i % brands.length];
  const pan = makeCard(prefix, len);
  const [fname, f] = cardFormats[i % cardFormats.length];
  const [lang, t] = cardTpl[(i * 7) % cardTpl.length];
  sensitive.push({ text: t(f(pan)), secret: pan, kind: 'card', keep: pan.slice(-4), lang, spelling: fname });
}

// ---------- CN resident ID ----------
const areas = ['110105', '310104', '440305', '330106', '510107', '420106', '320102', '370102', '350203', '610113', '440106', '500103', '120101', '210102', '430104'];
function makeId(wantX) {
  for (;;) {
    const y = 1958 + ri(48), m = 1 + ri(12), d = 1 + ri(28);
    const f17 = pick(areas) + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + digits(3);
    const id = f17 + cnIdCheck(f17);
    if (wantX !== undefined && (id.endsWith('X') !== wantX)) continue;
    if (cnIdValid(id)) return id;
  }
}
const idFormats = [
  ['plain', s => s], ['6-8-4', s => `${s.slice(0, 6)} ${s.slice(6, 14)} ${s.slice(14)}`], ['lower-x', s => s.toLowerCase()],
  ['fullwidth', s => FW(s).replace('X', 'Ｘ')], ['zwsp-each', EACH('\u200b')], ['dash-6-8-4', s => `${s.slice(0, 6)}-${s.slice(6, 14)}-${s.slice(14)}`],
  ['space-each', EACH(' ')], ['nbsp-6-8-4', s => `${s.slice(0, 6)}\u00a0${s.slice(6, 14)}\u00a0${s.slice(14)}`], ['newline', s => s],
  ['shy-4', s => s.match(/.{1,4}/g).join('\u00ad')], ['arabic-indic', AR], ['dot-3', s => s.match(/.{1,3}/g).join('.')],
];
const idTpl = [
  ['zh-CN', s => `我的身份证号是${s}，实名认证一直失败`],
  ['zh-CN', s => `身份证 ${s} 被别人认证了其他账户怎么办`],
  ['zh-CN', s => `姓名：李娜\n身份证号码：${s}\n请帮我改实名信息`],
  ['zh-TW', s => `身分證字號 ${s}，請幫我解除限制`],
  ['en', s => `My Chinese ID number is ${s}, why does verification fail?`],
  ['zh-CN', s => `证件号${s}，人脸识别通过不了`],
  ['en', s => `id: ${s} (resident identity card)`],
];
const NID = 22;
for (let i = 0; i < NID; i++) {
  const id = makeId(i % 3 === 0 ? true : undefined);
  const [fname, f] = idFormats[i % idFormats.length];
  const [lang, t] = idTpl[i % idTpl.length];
  const body = fname === 'newline' ? '\n' + id + '\n' : f(id);
  sensitive.push({ text: t(body), secret: id, kind: 'cn-id', lang, spelling: fname });
}

// ---------- CN mobile ----------
const mobPrefixes = ['138', '139', '150', '151', '186', '187', '177', '199', '166', '135', '158', '189', '147', '173', '191', '198'];
const mobFormats = [
  ['plain', m => m], ['3-4-4 space', m => `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`], ['3-4-4 dash', m => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`],
  ['+86', m => '+86' + m], ['+86 space', m => `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`], ['0086-', m => `0086-${m}`],
  ['(+86)', m => `(+86)${m}`], ['fullwidth parens', m => `（+86）${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`], ['86 prefix', m => '86' + m],
  ['dots', m => `${m.slice(0, 3)}.${m.slice(3, 7)}.${m.slice(7)}`], ['fullwidth', FW], ['zwsp', m => `${m.slice(0, 3)}\u200b${m.slice(3, 7)}\u200b${m.slice(7)}`],
  ['nbsp', m => `${m.slice(0, 3)}\u00a0${m.slice(3, 7)}\u00a0${m.slice(7)}`], ['newline', m => '\n' + m], ['arabic-indic', AR], ['space-each', EACH(' ')],
  ['(86) nnbsp', m => `(86)\u202f${m.slice(0, 3)}\u202f${m.slice(3, 7)}\u202f${m.slice(7)}`], ['slash', m => `${m.slice(0, 3)}/${m.slice(3, 7)}/${m.slice(7)}`],
  ['emdash', m => `${m.slice(0, 3)}\u2014${m.slice(3, 7)}\u2014${m.slice(7)}`], ['devanagari', DV], ['0086 space', m => `0086 ${m}`], ['soft-hyphen', m => `${m.slice(0, 3)}\u00ad${m.slice(3, 7)}\u00ad${m.slice(7)}`],
];
const mobTpl = [
  ['zh-CN', m => `我的手机号是${m}，收不到验证码`],
  ['zh-CN', m => `麻烦回电 ${m} 谢谢`],
  ['zh-CN', m => `原来绑定的号码 ${m} 已经停机了，怎么换号`],
  ['zh-TW', m => `我的大陸手機 ${m} 收不到簡訊`],
  ['en', m => `you can call me on ${m} anytime`],
  ['en', m => `my registered number: ${m}`],
  ['zh-CN', m => `转账转错了，对方手机号${m}，能帮我联系吗`],
  ['zh-CN', m => `联系方式：${m}（微信同号）`],
];
const NMOB = 26;
for (let i = 0; i < NMOB; i++) {
  const m = mobPrefixes[i % mobPrefixes.length] + digits(8);
  const [fname, f] = mobFormats[i % mobFormats.length];
  const [lang, t] = mobTpl[i % mobTpl.length];
  sensitive.push({ text: t(f(m)), secret: m, kind: 'mobile', lang, spelling: fname });
}

// ---------- one-time codes / PINs ----------
function code(n) { for (;;) { const c = digits(n); if (c[0] !== '0' && !/(\d)\1\1/.test(c)) return c; } }
const codeCases = [
  ['zh-CN', 6, c => `验证码是 ${c}`, 'plain'],
  ['zh-CN', 6, c => `验证码是 ${EACH(' ')(c)}`, 'space-each'],
  ['zh-CN', 6, c => `验证码：${EACH('  ')(c)}，你帮我看看为什么提示错误`, 'doublespace-each'],
  ['en', 6, c => `my code is ${c}`, 'plain'],
  ['en', 6, c => `OTP: ${c}`, 'plain'],
  ['en', 4, c => `OTP: ${EACH('-')(c)}`, 'dash-each'],
  ['en', 6, c => `the code you texted me:\n${c}\nis it the right one?`, 'next-line'],
  ['zh-CN', 6, c => `收到的短信验证码\n${c}\n输进去说已过期`, 'next-line'],
  ['zh-TW', 6, c => `動態碼 ${FW(c)} 輸入後還是失敗`, 'fullwidth'],
  ['zh-CN', 6, c => `验证码 ${AR(c)} 不对吗`, 'arabic-indic'],
  ['en', 6, c => `verification code ${DV(c)} doesn't work`, 'devanagari'],
  ['zh-CN', 6, c => `校验码是${c.slice(0, 3)}-${c.slice(3)}`, '3-3 dash'],
  ['en', 6, c => `code ${c.slice(0, 2)} ${c.slice(2, 4)} ${c.slice(4)} keeps failing`, '2-2-2'],
  ['en', 4, c => `my PIN is ${c}`, 'plain'],
  ['zh-CN', 6, c => `动态码${c.split('').join('\u200b')}，请帮我登录`, 'zwsp-each'],
  ['zh-CN', 6, c => `短信验证码：${c.slice(0, 3)}\u00a0${c.slice(3)}`, 'nbsp'],
  ['en', 8, c => `sms code—${c}`, 'emdash'],
  ['zh-CN', 4, c => `验证码${c}，5分钟内有效，客服让我发给他`, 'plain'],
  ['zh-TW', 6, c => `驗證碼是 ${c.slice(0, 3)}\u202f${c.slice(3)}`, 'nnbsp'],
  ['en', 6, c => `Your one-time passcode is ${c}. Is this the one support needs?`, 'plain'],
  ['zh-CN', 6, c => `他说要我报一下验证码：${c.split('').join('.')}`, 'dot-each'],
  ['en', 6, c => `2FA code: ${c.split('').join('_')}`, 'underscore-each'],
  ['zh-CN', 6, c => `我的动态口令 ${c.slice(0, 3)}\ufeff${c.slice(3)}`, 'bom'],
  ['en', 5, c => `the otp was ${c} but it says expired`, 'plain'],
  ['zh-CN', 6, c => `验证码：${FW(c.slice(0, 3))}${c.slice(3)}`, 'half-fullwidth'],
  ['en', 6, c => `verification code is\n\n${c}`, 'blank-line'],
  ['zh-CN', 6, c => `取款PIN码 ${c}`, 'plain'],
  ['en', 7, c => `Code: ${c.slice(0, 4)}\u00ad${c.slice(4)}`, 'soft-hyphen'],
  ['zh-TW', 6, c => `收到的認證碼是${c}，請問要給客服嗎`, 'plain'],
  ['en', 6, c => `OTP ${c.split('').join('\u2013')}`, 'endash-each'],
  ['zh-CN', 6, c => `银行发的验证码 ${c.split('').join('/')}`, 'slash-each'],
  ['en', 6, c => `here is the code => ${c.split('').join('\u200d')}`, 'zwj-each'],
];
for (const [lang, n, t, sp] of codeCases) { const c = code(n); sensitive.push({ text: t(c), secret: c, kind: 'code', lang, spelling: sp }); }

// ---------- CVV ----------
const cvvCases = [
  ['en', 3, c => `cvv ${c}`], ['en', 3, c => `CVC: ${c}`], ['zh-CN', 3, c => `安全码 ${c}`], ['zh-CN', 3, c => `卡背面三位是 ${EACH(' ')(c)}`],
  ['en', 4, c => `Amex CID ${c}`], ['zh-TW', 3, c => `卡片背面的安全碼：${FW(c)}`], ['en', 3, c => `security code on the back is ${c}`],
  ['zh-CN', 3, c => `CVV2是${c}，有效期到后年`], ['en', 3, c => `cvv:\n${c}`], ['zh-CN', 3, c => `背面三位数 ${c.split('').join('\u200b')}`],
];
for (const [lang, n, t] of cvvCases) { const c = code(n); sensitive.push({ text: t(c), secret: c, kind: 'cvv', lang }); }

// ---------- passwords ----------
const pwCases = [
  ['zh-CN', '支付密码是 ', '520131'], ['zh-CN', '我的登录密码：', 'Qwer1234!'], ['en', 'my password is ', 'Sunny#2024x'],
  ['en', 'password: ', 'hk82!Lm0pz'], ['zh-TW', '密碼是 ', 'ab12cd34'], ['zh-CN', '支付密码 ', '7 3 9 1 5 8'],
  ['en', 'my payment PIN is ', '204863'], ['zh-CN', '登录密码换成了\n', 'Wallet_9981'], ['en', 'pwd=', 'P@ssw0rd77'], ['zh-CN', '密码', '８８６２４１'],
];
for (const [lang, pre, pw] of pwCases) {
  const secret = pw.normalize('NFKC').replace(/ /g, '');
  sensitive.push({ text: `${pre}${pw}${lang === 'en' ? ' – please fix my account' : '，帮我看看为什么登录不了'}`, secret, kind: 'password', lang });
}

// ---------- IBAN ----------
const ibanSpecs = [
  ['DE', () => digits(18)], ['GB', () => 'NWBK' + digits(14)], ['FR', () => digits(10) + 'A' + digits(10) + digits(2)],
  ['NL', () => 'RABO' + digits(10)], ['ES', () => digits(20)], ['IT', () => 'X' + digits(10) + digits(12)], ['DE', () => digits(18)],
];
const ibanFmt = [s => s.match(/.{1,4}/g).join(' '), s => s, s => s.toLowerCase().match(/.{1,4}/g).join(' '), s => s.match(/.{1,4}/g).join('\u00a0'), s => s.match(/.{1,4}/g).join('-'), s => s.match(/.{1,4}/g).join('  '), s => s.match(/.{1,4}/g).join('\u200b')];
const ibanTpl = [
  s => `Please refund to my IBAN ${s}`, s => `IBAN: ${s}`, s => `my bank account (iban) ${s}, withdrawal never arrived`,
  s => `退款请退到 IBAN ${s}`, s => `Kontonummer / IBAN ${s} – transfer delayed`, s => `iban\n${s}`, s => `send it back to ${s} please`,
];
ibanSpecs.forEach(([cc, b], i) => { const iban = ibanMake(cc, b()); sensitive.push({ text: ibanTpl[i](ibanFmt[i](iban)), secret: iban, kind: 'iban', lang: i === 3 ? 'zh-CN' : 'en' }); });

// ---------- e-mail ----------
const emails = ['zhang.wei1988@163.com', 'lihua_2020@qq.com', 'chen.xiaoming@gmail.com', 'wangfang.sh@outlook.com', 'liu.yang+wallet@126.com', 'tsai.meiling@yahoo.com.tw', 'j.smith.1979@hotmail.co.uk', 'huangjie0712@foxmail.com'];
const emailTpl = [
  ['zh-CN', e => `我的邮箱是 ${e}，账单导出发到这里`], ['zh-CN', e => `邮箱：${e}`], ['en', e => `email me at ${e}`], ['zh-CN', e => `请联系${e}谢谢`],
  ['en', e => `My email is ${e.replace('@', '＠')}`], ['zh-TW', e => `電子郵件 ${e}，請回信`], ['en', e => `contact: ${e.replace('@', '\u200b@\u200b')}`], ['zh-CN', e => `发票寄到\n${e}`],
];
emails.forEach((e, i) => { const [lang, t] = emailTpl[i]; sensitive.push({ text: t(e), secret: e, kind: 'email', lang }); });

// ---------- benign ----------
function txn28(kind) {
  for (;;) {
    const date = `2024${String(1 + ri(12)).padStart(2, '0')}${String(1 + ri(28)).padStart(2, '0')}`;
    const n = kind === 'wx' ? '42000' + digits(5) + date + digits(10) : date + '2200' + digits(16);
    let bad = luhnValid(n);
    for (let L = 13; L <= 19; L++) if (luhnValid(n.slice(0, L)) || luhnValid(n.slice(-L))) bad = true;
    if (!bad && n.length === 28) return n;
  }
}
function nonLuhn(prefix, len) { for (;;) { const n = prefix + digits(len - prefix.length); if (!luhnValid(n)) return n; } }
const benign = [];
const B = (text, mustKeep) => benign.push({ text, mustKeep });
for (let i = 0; i < 12; i++) {
  const wx = txn28('wx'), ali = txn28('ali');
  const T = [
    [`微信支付单号 ${wx}，扣了两次钱`, [wx]],
    [`支付宝交易号：${ali} 退款一直没到账`, [ali]],
    [`Transaction ID ${wx} shows completed but merchant says unpaid`, [wx]],
    [`交易单号${ali}，金额 ¥1,280.50`, [ali, '¥1,280.50']],
    [`轉帳單號 ${wx} 一直顯示處理中`, [wx]],
    [`two IDs: ${wx} and ${ali}`, [wx, ali]],
  ];
  const [t, k] = T[i % T.length]; B(t, k);
}
const orders16 = Array.from({ length: 8 }, () => nonLuhn(pick(['1', '2024', '8']), 16));
const orders14 = Array.from({ length: 4 }, () => '2024' + digits(10)).map(n => luhnValid(n) ? n.slice(0, 13) + ((+n[13] + 1) % 10) : n);
const fixed = [
  ['商户单号 M-889900，金额 ¥1,280.50', ['M-889900', '¥1,280.50']],
  ['2024-12-01 14:32:05 付款 1280.00元 失败了', ['2024-12-01', '14:32:05', '1280.00元']],
  ['App 版本 v8.0.52，iOS 17.2，更新后闪退', ['v8.0.52', 'iOS 17.2']],
  ['version 3.2.1 build 4521 crashes on launch', ['3.2.1', 'build 4521']],
  ['尾号 1234 的卡提现失败', ['尾号 1234 的卡']],
  ['card ending 4242 was charged USD 45.99 on 2024/12/01', ['card ending 4242', 'USD 45.99', '2024/12/01']],
  ['客服电话 95188 打不通', ['95188']],
  ['12月1日买了 3 件衣服，退了 2 件，钱只退了一件', ['12月1日', '3 件', '2 件']],
  ['2023年的账单怎么导出？', ['2023年']],
  ['Order #A20241201-0042 never arrived', ['#A20241201-0042']],
  ['我给房东转了 3,500.00 元，显示处理中', ['3,500.00 元']],
  ['报警回执编号 京公(朝)立字[2024]12345号', ['京公(朝)立字[2024]12345号']],
  ['提现 ¥50,000 超过限额了吗？每日最多 10 次', ['¥50,000', '10 次']],
  ['Android 8.0 以上才能用吗？我手机是 Android 7.1.2', ['Android 8.0', 'Android 7.1.2']],
  ['Refund of EUR 120.00 requested on 01.12.2024 at 09:15', ['EUR 120.00', '01.12.2024', '09:15']],
  ['已经等了 72 小时，说好 1–3 个工作日到账', ['72 小时', '1–3 个工作日']],
  ['反诈专线 96110 和 110 都打了', ['96110', '110']],
  ['微信支付客服 95017 说找商户', ['95017']],
  ['卡号后四位 8866，储蓄卡', ['8866']],
  ['我的手机号 138****8000 收不到短信', ['138****8000']],
  ['the card shown as 411111******1111 in the receipt', ['411111******1111']],
  ['付款方式：招商银行信用卡(5678)', ['(5678)']],
  ['Visa •••• 4242 declined, amount $1,299.99', ['•••• 4242', '$1,299.99']],
  ['2024/11/30 23:59:59 自动续费 25元', ['2024/11/30', '23:59:59', '25元']],
  ['会员 ¥15/月，已经扣了 6 个月共 ¥90', ['¥15/月', '6 个月', '¥90']],
  ['物流单号 SF1403725893641 显示已签收但我没收到', ['SF1403725893641']],
  ['tracking number 1Z999AA10123456784 says delivered', ['1Z999AA10123456784']],
  ['App 显示错误码 E1002，付款失败', ['E1002']],
  ['error code 40301 when linking my card', ['40301']],
  ['我在 3 号那天转了 500 给朋友', ['3 号', '500']],
  ['limit is 5,000 per day, I need 8,000', ['5,000', '8,000']],
  ['提现手续费 0.1%，最低 0.1 元，我被收了 12.35 元', ['0.1%', '0.1 元', '12.35 元']],
  ['投诉编号 200000042024120112345678 商家不回复', ['200000042024120112345678']],
  ['Ticket #58213 still open after 10 business days', ['#58213', '10 business days']],
  ['invoice INV-2024-000871 for 2 items, total 89.90', ['INV-2024-000871', '89.90']],
  ['退款单号 R20241201000123，退款 ¥66.60', ['R20241201000123', '¥66.60']],
  ['Windows 11 23H2 浏览器里打开空白', ['Windows 11 23H2']],
  ['凌晨 0:30 充值 200 元没到账', ['0:30', '200 元']],
  ['I was born in 1990 and I am 34, why is KYC failing?', ['1990', '34']],
  ['買了 2 張電影票 NT$560，重複扣款', ['2 張', 'NT$560']],
  ['2024年12月1日 下午3点 转账失败', ['2024年12月1日', '3点']],
  ['merchant ref M-20241201-7788, amount CNY 2,000.00', ['M-20241201-7788', 'CNY 2,000.00']],
  ['iPhone 15 Pro, iOS 18.1.1, app 8.0.52 (2412)', ['iPhone 15 Pro', 'iOS 18.1.1', '8.0.52 (2412)']],
  ['余额显示 1,024.00，我算的应该是 1,124.00', ['1,024.00', '1,124.00']],
  ['房间号 1208，押金 500 元被扣两次', ['1208', '500 元']],
  ['快递柜取件码 取不出来，柜子编号 A-17', ['A-17']],
  ['上个月 15 号开始每天都扣 9.9 元', ['15 号', '9.9 元']],
  ['week 48 statement shows 3 pending items', ['week 48', '3 pending']],
  ['编号 No.000123 的发票', ['No.000123']],
  ['转账 5 万元要等 24 小时审核吗', ['5 万元', '24 小时']],
  ['IP 192.168.1.10 登录异常提示', ['192.168.1.10']],
  ['交易时间 2024-12-01T14:32:05+08:00', ['2024-12-01T14:32:05+08:00']],
  ['信用卡账单日每月 7 号，还款日 25 号', ['7 号', '25 号']],
  ['我的会员号 VIP88231 积分没了', ['VIP88231']],
  ['price went from 19.99 to 24.99 after 12 months', ['19.99', '24.99', '12 months']],
  ['楼号 3-2-1101，外卖没送到', ['3-2-1101']],
  ['Apple ID 订阅 ¥68/年，2025-01-15 到期', ['¥68/年', '2025-01-15']],
  ['wallet v7.9.0 → v8.0.1 升级后登录不了', ['v7.9.0', 'v8.0.1']],
  ['我 16 岁，能实名认证吗', ['16 岁']],
  ['一个账户最多绑 10 张卡？我现在有 10 张了', ['10 张卡', '10 张了']],
  ['password must be 8–20 characters? mine has 7', ['8–20', '7']],
  ['the code expired after 5 minutes, I waited 6', ['5 minutes', '6']],
  ['验证码 5 分钟过期，我 3 分钟就输了还是错', ['5 分钟', '3 分钟']],
  ['退款 1–7 个工作日，今天已经第 9 天了', ['1–7 个工作日', '第 9 天']],
  ['支付宝客服 95188 转人工要按 0', ['95188', '0']],
  ['商户号 1230000109，订单 wx2024120115300012', ['1230000109', 'wx2024120115300012']],
  ['合同编号 HT-2024-0098 的分期还款', ['HT-2024-0098']],
  ['交易金额 -¥45.00，手续费 ¥0.00', ['-¥45.00', '¥0.00']],
  ['2,000 元以内信用卡还款免费吗', ['2,000 元']],
  ['我在7-11用WeChat Pay付款失败', ['7-11']],
  ['座位 12A，航班 MU5101 退票退款', ['12A', 'MU5101']],
  ['邮编 100020 的地址写错了', ['100020']],
  ['sent 300.00 GBP on 2 Dec, still pending', ['300.00 GBP', '2 Dec']],
  ['銀行卡末四碼 0571 被凍結', ['0571']],
  ['申請編號 TW-20241201-33 還在審核', ['TW-20241201-33']],
  ['Your case #CS-771204 has been updated', ['#CS-771204']],
  ['退款参考号 REF 2024 1201 0033', ['REF 2024 1201 0033']],
  ['批次号 B2024-12-01-07 的充值没到', ['B2024-12-01-07']],
];
for (const [t, k] of fixed) B(t, k);
orders16.forEach((o, i) => B([`订单号 ${o} 一直显示待发货`, `order no. ${o} – item not as described`, `工单 ${o} 什么时候处理`, `商户订单号：${o}`][i % 4], [o]));
orders14.forEach((o, i) => B([`工单号 ${o} 处理到哪了`, `reference ${o} for my top-up`][i % 2], [o]));
const wallet = { sensitive: sensitive.map(({ lang, spelling, ...r }) => ({ ...r, lang, ...(spelling ? { spelling } : {}) })), benign };
writeFileSync(new URL('./masking-cases.json', import.meta.url), escapeInvisible(JSON.stringify(wallet, null, 2)) + '\n');
console.log('queries', queries.length, 'sensitive', sensitive.length, 'benign', benign.length);
