"""Regenerates src/test/resources/sacrebleu-2.6.0-vectors.tsv (run from llmtrain-eval/ with sacrebleu 2.6.0 installed)."""
import random, base64, sacrebleu
from sacrebleu.metrics import BLEU, CHRF
random.seed(7)
words = ['the','cat','dog','sat','on','mat','a','ran','Über','straße','İstanbul','ΣΟΦΟΣ','naïve','日本語','😀','🎉x','1,000.50','3.14','U.S.','e-mail','2-3','(hi)','"quoted"',"it's",'&amp;','&lt;b&gt;','<skipped>','$5','%','—','–','…','¿qué?','¡sí!','«ok»','x²','½','٣','Ⅻ','a/b','[x]','{y}','~','|','^','`','@','#']
seps = [' ',' ',' ',' ','  ','\t','\u00a0','\u3000','\u2009','\u200b','\u1680','\u0085','\x1c','\u2028','\n','-\n']
def sent():
    n = random.randint(0, 12)
    s = ''
    for i in range(n):
        s += random.choice(words)
        if i < n-1: s += random.choice(seps)
    if random.random() < 0.3: s += random.choice(['.', ' .', '!', '?', ' ', ''])
    if random.random() < 0.1: s = s.upper()
    return s
def b(s): return base64.b64encode(s.encode('utf-8')).decode()
out = open('src/test/resources/sacrebleu-2.6.0-vectors.tsv','w')
out.write('# metric\tconfig\tlevel\texpected\thyps(base64, comma-joined)\trefs streams (base64, ; between streams)\n')
configs = [('bleu','13a,false,exp'),('bleu','13a,true,exp'),('bleu','intl,false,exp'),('bleu','none,false,exp'),('bleu','13a,false,floor'),('bleu','13a,false,add-k'),('bleu','13a,false,none'),
           ('chrf','6,0,false'),('chrf','6,2,false'),('chrf','6,0,true')]
def metric(m, c):
    a = c.split(',')
    if m == 'bleu': return BLEU(tokenize=a[0], lowercase=a[1]=='true', smooth_method=a[2])
    return CHRF(char_order=int(a[0]), word_order=int(a[1]), lowercase=a[2]=='true')
for t in range(400):
    m, c = random.choice(configs)
    nref = random.randint(1, 3)
    if random.random() < 0.5:
        h = sent(); refs = [sent() for _ in range(nref)]
        if random.random() < 0.3: refs[0] = h
        if m == 'bleu':
            a = c.split(',')
            sc = sacrebleu.sentence_bleu(h, refs, smooth_method=a[2], lowercase=a[1]=='true', tokenize=a[0]).score
        else:
            sc = metric(m, c).sentence_score(h, refs).score
        out.write(f'{m}\t{c}\tsentence\t{sc!r}\t{b(h)}\t{";".join(b(r) for r in refs)}\n')
    else:
        n = random.randint(1, 6)
        hyps = [sent() for _ in range(n)]
        streams = [[sent() if random.random() < 0.7 else hyps[i] for i in range(n)] for _ in range(nref)]
        sc = metric(m, c).corpus_score(hyps, streams).score
        out.write(f'{m}\t{c}\tcorpus\t{sc!r}\t{",".join(b(h) for h in hyps)}\t{";".join(",".join(b(x) for x in s) for s in streams)}\n')
