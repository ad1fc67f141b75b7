#!/usr/bin/env python3
"""Builds the quickstart's embedded corpus (llmtrain-cli/src/main/resources/quickstart/corpus.jsonl.gz).

Clean documents: chapters of five books of the King James Bible (public domain), one document per
chapter, verses joined into paragraphs. Dirty documents: written for this project to exercise every
data stage (HTML, e-mail, mojibake, PII, symbol runs, boilerplate, duplicates, near-duplicates,
Portuguese, too-short text, a malformed line). Run from the repository root:

    python3 tools/make_quickstart_corpus.py ../shared/corpora/kjv.txt
"""
import gzip
import io
import json
import re
import sys

BOOKS = {"Ge": "Genesis", "Ruth": "Ruth", "Jonah": "Jonah", "Prv": "Proverbs", "Mark": "Mark"}
VERSE = re.compile(r"^([A-Za-z]+)(\d+):(\d+)\s+(.*)$")


def chapters(path):
    current, verses = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = VERSE.match(line.strip())
            if not m or m.group(1) not in BOOKS:
                continue
            key = (m.group(1), int(m.group(2)))
            if key != current and verses:
                yield current, verses
                verses = []
            current = key
            verses.append(m.group(4).strip())
    if verses:
        yield current, verses


def paragraphs(verses):
    out, para = [], []
    for v in verses:
        para.append(v)
        if len(para) >= 4 and v[-1] in ".?!":
            out.append(" ".join(para))
            para = []
    if para:
        out.append(" ".join(para))
    return "\n\n".join(out)


PT = [
    "A cidade acordou cedo naquela segunda-feira. Os comerciantes abriram as portas das lojas antes "
    "das sete horas, e o cheiro de pão quente tomou conta da praça principal. Na esquina, um grupo "
    "de estudantes conversava sobre as provas da semana. O motorista do ônibus cumprimentou cada "
    "passageiro pelo nome. Ninguém parecia ter pressa, e o sol atravessava devagar as janelas da "
    "biblioteca municipal, onde a bibliotecária organizava os livros devolvidos no fim de semana.",
    "O rio que corta a região sempre foi o centro da vida dos moradores. Durante o verão, as "
    "crianças nadavam perto da ponte de madeira, enquanto os pescadores esperavam pacientes nas "
    "margens. No inverno, a água subia e cobria as plantações mais baixas. Os agricultores "
    "aprenderam a plantar nos terrenos altos e a guardar sementes para os anos difíceis. Essa "
    "sabedoria passou de geração em geração e ainda hoje orienta o trabalho no campo.",
    "A professora de ciências propôs um experimento simples para a turma. Cada aluno deveria "
    "plantar um feijão em um copo com algodão e anotar o crescimento todos os dias. Alguns copos "
    "ficaram perto da janela e outros dentro do armário. Depois de duas semanas, a diferença era "
    "evidente para todos. As plantas que receberam luz estavam verdes e fortes, e as outras, "
    "pálidas e finas. A turma concluiu que a luz é essencial para a fotossíntese.",
]

HTML_PAGE = """<!DOCTYPE html><html><head><title>Harbour news</title>
<style>body { font-family: serif; }</style><script>trackVisitor();</script></head>
<body><nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></nav>
<article><h1>The harbour reopens after the storm</h1>
<p>The old harbour reopened on Monday morning after a week of repairs. Fishermen returned to the
pier before dawn, and the first boats left with the tide. The harbour master said the damage was
smaller than feared.</p>
<p>Workers replaced two hundred metres of railing and rebuilt the small lighthouse at the end of
the breakwater. The town council paid for the work from its emergency fund. Residents gathered
to watch the first ferry arrive at noon, and many of them applauded when it docked safely.</p>
<p>The council will meet again next month to discuss a new sea wall. Engineers have warned that
storms like this one are becoming more frequent along the coast.</p></article>
<footer>Copyright 2024 Harbour Gazette. All rights reserved. Privacy policy | Terms of use</footer>
</body></html>"""

EMAIL = """From: Maria Silva <maria.silva@example.org>
To: equipe@example.org
Subject: =?ISO-8859-1?Q?Relat=F3rio_da_reuni=E3o?=
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="frontier"

--frontier
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

Ol=E1 a todos,

A reuni=E3o de ontem foi muito produtiva. Discutimos o or=E7amento do pr=F3x=
imo ano e decidimos ampliar o atendimento da biblioteca aos s=E1bados. A equi=
pe de manuten=E7=E3o vai consertar o telhado antes das chuvas. Tamb=E9m falam=
os sobre a feira de livros, que acontecer=E1 em maio na pra=E7a central. Cada=
 setor deve enviar sua proposta at=E9 sexta-feira. Obrigada pela participa=
=E7=E3o de todos.

Abra=E7os,
Maria

--frontier
Content-Type: text/html; charset=ISO-8859-1

<p>Ol&aacute; a todos, (vers&atilde;o HTML)</p>
--frontier--
"""

PII = ("Thank you for your order. Your receipt has been sent to john.carter@example.com and a "
       "copy to our billing team. The payment was made with card 4111 1111 1111 1111 from the "
       "address 192.168.10.24. If you have questions, call us at (555) 123-4567 during business "
       "hours. Our support team answers every message within two working days. Please keep this "
       "receipt for your records. The parcel will leave our warehouse tomorrow morning and should "
       "arrive within five days. We hope you enjoy your new reading lamp.")

MOJIBAKE = ("A associaÃ§Ã£o dos moradores organizou uma reuniÃ£o na escola do bairro. Os vizinhos "
            "discutiram a seguranÃ§a das ruas e a iluminaÃ§Ã£o pÃºblica. O presidente da "
            "associaÃ§Ã£o prometeu levar as reclamaÃ§Ãµes Ã  prefeitura. Todos concordaram em "
            "voltar a se reunir no prÃ³ximo mÃªs. A reuniÃ£o terminou com cafÃ© e bolo para todos "
            "os participantes, e as crianÃ§as brincaram no pÃ¡tio durante a conversa.")


def main():
    kjv = sys.argv[1]
    out = "llmtrain-cli/src/main/resources/quickstart/corpus.jsonl.gz"
    records = []
    for (book, ch), verses in chapters(kjv):
        records.append({"id": f"kjv-{book.lower()}-{ch}", "text": paragraphs(verses),
                        "source": f"King James Bible, {BOOKS[book]} {ch}"})
    # Ruth 1 passes the quality rules (Genesis 1 is too repetitive for Gopher's n-gram rules),
    # so its copies reach the deduplication stages.
    ruth1 = next(r["text"] for r in records if r["id"] == "kjv-ruth-1")
    dirty = [
        {"id": "html-harbour", "text": HTML_PAGE, "format": "html"},
        {"id": "email-reuniao", "text": EMAIL, "format": "email"},
        {"id": "pii-receipt", "text": PII},
        {"id": "mojibake-associacao", "text": MOJIBAKE},
        {"id": "too-short", "text": "Buy now!!! $$$$ ###### click here"},
        {"id": "symbols", "text": "%$#@!*&^%$#@ " * 40},
    ] + [{"id": f"pt-{i + 1}", "text": t} for i, t in enumerate(PT)]
    # Spread the dirty records through the corpus, as they would be in real data.
    step = max(1, len(records) // (len(dirty) + 1))
    for i, d in enumerate(dirty):
        records.insert((i + 1) * step + i, d)
    # mtime=0 keeps the archive byte-identical from run to run.
    # Copies come after their original, as a re-crawl would.
    records.append({"id": "exact-duplicate", "text": ruth1})
    records.append({"id": "near-duplicate", "text": ruth1.replace(
        "And Naomi said", "Then Naomi said", 1).replace("went on their way", "went their way", 1)})
    with io.TextIOWrapper(gzip.GzipFile(out, "wb", mtime=0), encoding="utf-8") as f:
        for r in records[: len(records) // 2]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        f.write('{"id": "malformed", "text": "this line was cut off\n')
        for r in records[len(records) // 2:]:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(records) + 1} records to {out}")


if __name__ == "__main__":
    main()
