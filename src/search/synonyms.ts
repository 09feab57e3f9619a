/**
 * Wallet vocabulary that users and help articles spell differently. A query that contains any
 * variant of a group also searches the other variants (at a lower weight than what was typed).
 * Han variants match as substrings of the query; Latin variants match whole words.
 * zh-CN groups carry common English words too, because Chinese users mix them in
 * (「银行卡 bind failed」).
 */
export type SynonymTable = Record<string, string[][]>

/** One group per line, variants separated by commas: cheaper to ship than nested arrays. */
const parse = (groups: string): string[][] =>
  groups
    .trim()
    .split('\n')
    .map((g) => g.split(','))

/** Built-in groups for zh-CN and en. Pass your own table to `createSearchIndex` to extend it. */
export const walletSynonyms: SynonymTable = {
  'zh-CN': parse(`
扣款,扣钱,扣费,扣了,被扣,划扣,划走,被划,扣走,扣掉,charged,deducted,debited
支付失败,付款失败,付款不成功,支付不成功,付不了,无法支付,支付不了,交易没完成,交易未完成
失败,不成功,没成功,失败了,failed,fail,error
到账,入账,收到,到帐,received,arrived
没到账,未到账,没收到,未收到,没有到账,没动静,没进账,没看到,not received
验证码,短信码,短信验证码,动态码,校验码,短信,短信里的数字,简讯,认证码,otp,sms,code
退款,退钱,退费,退回,退的钱,退回来,还我,退给我,refund,返钱,返还
转账,汇款,转钱,转款,打款,打钱,打过去,转过去,transfer
提现,取现,提款,取钱,提领,领钱,领出,提出去,转到银行卡,弄到银行卡,withdraw,cash out,出金,取款
充值,储值,充钱,存钱,加钱,存进,top up,topup,recharge,入金,入钱
绑卡,绑定银行卡,添加银行卡,绑定,加卡,新增卡片,新增银行卡,新增信用卡,bind,link card
冻结,锁定,冻住,封号,被封,止付,锁了,锁住,freeze,frozen,lock,上锁,暂停账户,暂停使用
盗刷,非本人操作,被盗,不是我,盗用,冒用,异常交易,被转走,偷偷转,unauthorized,hacked
支付密码,付款密码,交易密码,六位数字,六位密码,pin
忘记密码,找回密码,重置密码,密码忘了,改密码,想不起来,记不得,记不住,reset
重复扣款,扣了两次,扣两次,多扣,双份,重复支付,重复扣费,两遍,两回,付了两次,两笔,扣了两笔,charged twice
实名认证,实名,身份认证,身份验证,人脸识别,刷脸,人脸,脸部辨识,人脸辨识,脸部识别,身分验证,kyc,实人认证,核实身份,验证身份,身份核验,活体检测,扫脸,拍脸
限额,额度,上限,超限,超额,超出,超了,最多,最高,封顶,到顶,太大,limit,提额,调额,能转多少,能付多少,能提多少,max,quota
手续费,服务费,收费,费率,收钱,另外给钱,抽成,抽水,扣点,fee,提现费,转账费,免费,commission,抽点,几个点
注销,销户,注销账户,关闭账户,删除账户,删掉账号,删号,不想用了,删掉,销掉,不打算用,不要了,不想留,不用了,注消,取消账户,关掉账户,delete account,close account,deactivate,钱包作废,账户作废,账号作废
骗子,诈骗,被骗,假客服,冒充客服,骗局,忽悠,兼职,刷单,上当,联系不上,工作人员,理赔,自称,打电话,打来,来电,索要,问我要,被坑,拉黑,退群,scam,fraud,骗了,骗钱,骗人,电诈,杀猪盘,钓鱼,套路,phishing,scammer,scammed,下套,圈套,设套,中套,诓,被诓,诓骗,稳赚,保本,高回报,带单
余额,零钱,钱包余额,balance
账户,户头,帐户,账号,帐号
登录,登入,登陆,登不上,登不进,上不了号,上号,登不了,上不去,login,log in,sign in,进不了号,进不去
掉单,待支付,未支付,还没付,订单未支付,订单未成功,订单没成功,显示没付,unpaid,待缴费,还说欠费,显示欠费
账户限制,被限制,受限,用不了,有风险,风控,限制使用,限制了,账户异常,账号异常,restricted,restriction,管住,管控
解冻,解锁,恢复正常,恢复使用,解封,解除冻结,解除限制,unfreeze,unlock,unblock
追回,要回来,追回来,拿回来,挽回,要回,拿回,讨回,追款
解绑,去掉,移除,删卡,解除绑定,删除银行卡,删银行卡,删除卡,取消绑定,不绑了,unbind,unlink,remove card
余额不对,对不上,钱少了,少了钱,金额不对,不一致,凭空,钱没了,钱飞了,余额少了,余额错误,余额有误,钱不见,missing money,短款,短少,不符,钱数不对,缩水,变少了
更新,闪退,打不开,崩溃,卡死,白屏,自己退出,自动退出,crash,黑屏,崩了,死机,加载不出,自动关掉,自己关掉
冻结账户,手机丢了,手机被偷,丢手机,手机丢失,手机弄丢,锁起来,lost phone,手机掉了,手机被盗,手机被抢,手机没了,丢了手机,手机丢,stolen phone,phone stolen,挂失,手机掉进,手机掉水,手机掉河,手机掉海
银行卡,信用卡,储蓄卡,借记卡,金融卡,提款卡,card,工资卡,银联卡,农行卡,工行卡,建行卡,中行卡
付款,付钱,支付,买单,结账,付账,扫码付,payment
转错,转错账,转错人,打错钱,打错,收款人错误,不认识的人,陌生人,发错人,给错人,填错人,错转,误转,wrong person,by mistake
更新,升级,新版本,版本过低,update,upgrade,版本太低,版本低,老版本,旧版,old version
延迟,处理中,很慢,还没到,转圈,在路上,进行中,没动,pending,delay,迟迟,太慢,等了很久,还在处理,审核中,stuck,processing
手机号,手机号码,换号,号码,门号,电话号,换了号,改号,新号,旧号,phone number,改电话,换电话,电话改,电话换
账单,交易记录,记录,明细,流水,清单,收支,花销,消费记录,花了多少,交易纪录,纪录,history,transactions,statement,帐单
商家,商户,卖家,店家,店铺,商铺,merchant,seller,网店,店主,卖东西的,shop
未发货,不发货,没发货,不出货,没出货,货不对板,与描述不符,描述不符,假货,退货,收不到货,没收到货,货没到,没到货,货不对,发错货,图片不符,质量差,破损,跑路,图文不符,发来的不是,寄来的不是
免密支付,自动扣费,自动续费,代扣,签约,会员费,包月,订阅,每个月扣,免密,自动扣款,自动扣钱,自动付款,续费,每月扣,按月扣,subscription,autopay,auto renew
手机号停用,号码停用,号码停了,停号,号码作废
预留手机号,银行预留,银行留的号,办卡手机号,银行手机号
挂失,卡丢了,银行卡丢了,卡掉了,丢卡
余额不足,余额不够,钱不够,卡里没钱,不够付
输错,密码错误,密码不对,密码错了,wrong password
撤回,撤销转账,取消转账,收回,反悔,undo
快捷支付,网上支付,网银,线上支付,无卡支付
`),
  en: parse(`
password,passcode,pin
reset,forgot,forget,recover,change pin,forgotten,can't remember,cannot remember,no longer remember,can't recall,cannot recall,blanked,slipped my mind,went blank
refund,money back,reimburse,return,come back,comes back,coming back
charged,debited,deducted,taken,charge
twice,duplicate,double,two times
top up,topup,recharge,add money,load money,deposit,add funds,put money,reload,reloads,refill,refilling,replenish,replenishing
withdraw,withdrawal,cash out,payout,cashout,take out,move out,to my checking,checking account,to my bank,to bank,to the bank,pull out,pulled out
verification code,otp,sms code,one-time code,security code,code,sms,text,one time,login text,texts,resend,resent,re-sent
transfer,send money,remittance,sent,wire,wired,transmit,transmitted
unauthorized,fraudulent,hacked,stolen,didn't make,not me,unrecognized,don't recognize,without permission,without my permission,compromised,mystery,strange charge,random charge,unauthorised,unrecognised,didn't authorise,suspicious,someone used,weird charge,odd charge,unfamiliar,unapproved,never approved,never okayed,not approved,never been,siphoned,siphon,drained
freeze,lock,block,frozen,locked,suspended,pause,on hold,put on hold,restricted,restriction,banned,disabled,lock down,lockdown
link,bind,add card,linked,binding,add a card,add bank card,hook up,attach,register a card,save a card,add my card,add debit card,add credit card,enrol,enroll,enrolling,enrolled
failed,fail,declined,error,unsuccessful,didn't go through,rejected,rejecting,rejects,denied,refused,won't go through,can't pay,cannot pay,unable to pay,bounced,void,voided,turned down,not accepted,won't accept,won't take,wouldn't take,couldn't complete,could not complete
delayed,delay,pending,slow,late,taking long,not arrived,processing,not yet,still waiting,never appeared,never landed,in progress,on the way,taking forever,held up,hasn't arrived,not showing,dragging
received,arrived,got,reach,landed,came through,showed up
limit,maximum,cap,quota,biggest,largest,highest,allowed,ceiling,threshold,throttle,throttled,overshoot,over the limit,topped out
fee,cost,commission,price,cheapest,cheaper,pricing,free,a cut,surcharge,exchange rate,levy,levied,percentage
close account,delete account,deactivate,cancel account,get rid of,remove my account,stop using,no longer use,don't want,nuke,deletion,erase,close my account,delete my account,terminate,account deletion,delete profile,unsubscribe,dump my wallet,for good,permanently,shut my wallet,shut the wallet,discontinue,discontinuing
scam,fraud,fake,impersonation,phishing,scammer,tricked,conned,cheated,swindled,fooled,duped,ripped off,fake support,fake agent,spoofed,unlock fee,unlock deposit,release fee
identity,verification,kyc,id check,verify,face check,face scan,facial,selfie,passport,id card,id document,driver license,driving licence,national id,photo id,residence permit,proof of identity,license,licence
wrong recipient,wrong person,wrong account,by mistake,by accident,accidentally,mistakenly,stranger,wrong user,wrong contact,wrong iban,misdirected,misaddressed,outsider,wrong guy,unintentionally,inadvertently,misclick,misclicked,same name,same surname,wrong tap
update,upgrade,new version,latest version,outdated,old version,unsupported version,no longer supported,install latest
balance,wallet balance,wallet money,available funds,stored value
statement,history,transaction record,export,transactions,activity,records,past payments,transaction list,spending,outgoings
freeze,lost phone,stolen phone,phone stolen,phone was stolen,lost my phone,nicked,pinched,snatched,halt,left my phone,phone left,left the phone,on ice
crash,crashes,won't open,keeps closing,shuts down,closes itself,stops working,quits,won't load,not loading,blank screen,black screen,white screen,can't open,cannot open,glitch,bug,buggy
identity,prove who,who i am,id,liveness,liveness check,face recognition,selfie check,blink,blinking
scam,pretend,pretending,impersonate,posing as,asked for my,from support,called saying,caller,asked me for
unauthorized,never made,didn't authorize,not mine,someone else,unknown charge,unknown payment,unknown transaction,unknown debit,unknown deduction,unknown purchase,unknown withdrawal,someone bought,random buys,didn't buy,never bought,never visited,asleep,phantom
limit,most,max,how much can,too large,too big,too much,maxed,exceeded
dispute,chargeback,charge back,never sent,not delivered,never arrived,merchant,ghosted,stopped replying,never shipped,wrong size,complaint,misrepresented,not as described,never dispatched,not dispatched,parcel,dodging,avoiding me,ignoring me,counterfeit,knockoff,fake goods,evading
balance,missing money,money gone,missing,doesn't add up,less money,vanished,miscounted,numbers off
merchant,seller,shop,store,retailer,vendor
phone number,mobile number,new number,mobile,sim,cell number,new cell,different cell,another cell,switched cells,changed cells,changed my cell,carrier,ported,reassigned,recycled number
connection,internet,wifi,wi-fi,signal,network,mobile data,offline,no internet,bad signal
spam,junk,spam folder,junk folder,filtered messages
legal action,sue,lawyer,court,small claims
cancel,undo,recall,revoke,stop payment,stop transfer,take back,reverse
log in,login,sign in,sign on,logon,locked out
receipt,proof of payment,payment proof,transaction proof,transfer receipt
screen-sharing,screen sharing,screen share,remote access,remote control,anydesk,teamviewer
expired,expire,expiry,out of date,no longer valid,timing out,timed out,times out
dormant,inactive,unused card
voucher,coupon,discount
verified name,account name,name on account,holder name,beneficiary name
dual-sim,dual sim,second sim,two sims
too many tries,too many attempts,too many times,tried too many,wrong pin
hotline,helpline,support number,customer service number,call center
business days,working days
`),
}
