package io.llmtrain.data.clean;

import java.util.Random;

/**
 * Seeded random documents that look like what the clean stage meets: English and Portuguese
 * prose, raw e-mail headers, quoted-printable HTML, personal data, symbol runs, emoji, invisible
 * characters, supplementary letters, markers the stage writes, and boilerplate lines, joined by
 * LF or CRLF, sometimes with characters spliced in anywhere.
 */
final class RandomDocuments {
  private RandomDocuments() {
  }

  private static final String[] ENGLISH = ("the of and to in a is that for it as was with be by on "
      + "not he this are or his from at which but have an they you were her she all there would "
      + "their we him been has when who will more no if out so said what up its about into than "
      + "them can only other new some could time these two may then do first any my now such "
      + "like our over man me even most made after also did many before must through back years "
      + "where much your way well down should because each just those people how too little "
      + "state good very make world still own see men work long get here between both life being "
      + "under never day same another know while last might us great old year off come since "
      + "against go came right used take three meeting invoice customer service support "
      + "account password delivery package order payment receipt newsletter subscription "
      + "contact email home content received click unsubscribe full policy privacy reserved "
      + "rights Shiitake Scunthorpe assessment cocktail cockpit Titanic titular counted "
      + "document function motherboard nigh coconut customer Fuchsia").split(" ");

  private static final String[] PORTUGUESE = ("de a o que e do da em um para é com não uma os no "
      + "se na por mais as dos como mas foi ao ele das tem à seu sua ou ser quando muito há nos "
      + "já está eu também só pelo pela até isso ela entre era depois sem mesmo aos ter seus "
      + "quem nas me esse eles estão você tinha foram essa num nem suas meu às minha têm numa "
      + "pelos elas havia seja qual será nós tenho lhe deles essas esses pelas este fosse dele "
      + "reunião preço pão coração ação informação família cidade governo número empresa "
      + "computador disputa cuidado comentários notícias próximo início contato sobre").split(" ");

  private static final String[] OFFENSIVE = {"fuck", "fucking", "shit", "bitch", "cunt",
      "motherfucker", "porra", "merda", "caralho", "puta", "filho da puta", "otário", "FUCK",
      "Sh\u00ADit", "fu\u0301ck"};

  private static final String[] BOILERPLATE = {"Click here to unsubscribe.",
      "All rights reserved.", "© 2024 Acme Inc.", "Copyright (c) 2019-2024 The Authors",
      "(C) 2003 Foo Ltd", "Leia mais »", "Home | Menu | Contact", "Read more", "Share",
      "Sent from my iPhone", "Enviado do meu iPhone", "Todos os direitos reservados.",
      "Política de privacidade", "We use cookies to improve your experience.",
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, and a long tail of words that "
          + "goes on well past twenty words so that only the any tag can remove this line here.",
      "Você está recebendo este e-mail porque se cadastrou.", "-----", "=====", "* * *",
      "~~~~~~~~~~", "});", "[...]", "Privacy Policy | Terms of Use", "Unsubscribe",
      "Clique aqui para cancelar a inscrição", "view this email in your browser"};

  private static final String[] SYMBOL_RUNS = {"!!!!!!!", "=-=-=-=-=-", "~~~~~", "#$%&*@!~^^",
      "......", "$$$$$", "*****", ">>>>>", "<<<<<<", "^^^^^^", "?!?!?!", "))))))", "(((((",
      "--", "...", "?!", "[EMAIL]~~~~~", "~~~~~[PHONE]", "****.", "%%%%%", "+++++",
      "\u2605\u2605\u2605\u2605\u2605", "\u00B7\u00B7\u00B7\u00B7\u00B7\u00B7", "\uD835\uDC9C!!!!!"};

  private static final String[] NOISE = {"!", "@", "#", "$", "%", "&", "*", "(", ")", "-",
      "=", "[", "]", "{", "}", ";", ":", "'", "\"", ",", ".", "<", ">", "/", "?", "\\", "|",
      "~", "^", "`", "_", "+", "🎉", "😀", "👍🏽", "🇧🇷", "1️⃣", "\u00AD", "\u0301", "\u200B",
      "\uD835\uDC1F", "日本", "\t", "\u00A0", "\r\n", "\n", "©", "(c)", "[EMAIL]", "[PHONE]",
      "[IP]", "[CARD]", "****", "\u2028", "x", "7", "E", " "};

  private static final String BASE64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  static String document(Random random) {
    switch (random.nextInt(100)) {
      case 0:
        return "🎉🥳 🎂\n👍🏽";
      case 1:
        return "#$%&*@!~^^ =-=-=-=-\n*****";
      case 2:
        return pick(random, BOILERPLATE) + "\n\n" + pick(random, BOILERPLATE);
      default:
        break;
    }
    StringBuilder b = new StringBuilder();
    String newline = random.nextInt(5) == 0 ? "\r\n" : "\n";
    int lines = 1 + random.nextInt(random.nextInt(8) == 0 ? 80 : 25);
    for (int l = 0; l < lines; l++) {
      b.append(line(random));
      b.append(random.nextInt(12) == 0 ? newline + newline : newline);
    }
    if (random.nextBoolean()) {
      b.setLength(b.length() - newline.length());
    }
    if (random.nextInt(4) == 0) {
      int splices = 1 + random.nextInt(12);
      for (int k = 0; k < splices; k++) {
        b.insert(random.nextInt(b.length() + 1), pick(random, NOISE));
      }
    }
    return b.toString();
  }

  private static String line(Random random) {
    switch (random.nextInt(14)) {
      case 0:
      case 1:
      case 2:
        return sentence(random, ENGLISH);
      case 3:
      case 4:
        return sentence(random, PORTUGUESE);
      case 5:
        return header(random);
      case 6:
        return html(random);
      case 7:
      case 8:
        return personalData(random);
      case 9:
        return sentence(random, ENGLISH) + pick(random, SYMBOL_RUNS) + " "
            + sentence(random, ENGLISH);
      case 10:
        return pick(random, BOILERPLATE);
      case 11:
        return base64(random);
      case 12:
        return sentence(random, ENGLISH) + " " + sentence(random, PORTUGUESE) + " "
            + sentence(random, ENGLISH);
      default:
        return "  " + pick(random, SYMBOL_RUNS) + "  ";
    }
  }

  private static String sentence(Random random, String[] words) {
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(22);
    for (int w = 0; w < n; w++) {
      if (w > 0) {
        b.append(random.nextInt(15) == 0 ? ", " : random.nextInt(30) == 0 ? "-" : " ");
      }
      String word = random.nextInt(400) == 0 ? pick(random, OFFENSIVE) : pick(random, words);
      if (w == 0) {
        word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
      }
      b.append(word);
      if (random.nextInt(25) == 0) {
        b.append(pick(random, new String[] {" 🎉", "!!!", "...", "?", " :)", "…"}));
      }
    }
    return b.append(pick(random, new String[] {".", ".", "!", "?", "", ":"})).toString();
  }

  private static String header(Random random) {
    switch (random.nextInt(7)) {
      case 0:
        return "Received: from mail" + random.nextInt(99) + ".example.com (mail.example.com ["
            + ipv4(random) + "])\tby mx.example.org (Postfix) with ESMTP id D03E"
            + random.nextInt(99999) + "; Thu, 22 Aug 2002 12:36:" + two(random) + " +0100";
      case 1:
        return "Message-ID: <2002" + digits(random, 10) + ".GB" + random.nextInt(9999)
            + "@host" + random.nextInt(9) + ".example.net>";
      case 2:
        return "From: Ana Souza <ana.souza" + random.nextInt(99) + "@empresa.com.br>";
      case 3:
        return "Date: Mon, " + random.nextInt(31) + " Sep 2002 " + two(random) + ":"
            + two(random) + ":" + two(random) + " -0400 (EDT)";
      case 4:
        return "Content-Type: text/html; charset=\"iso-8859-1\"; boundary=\"==_part."
            + random.nextInt(999) + "@mail.example.com==_\"";
      case 5:
        return "X-Originating-IP: [" + ipv6(random) + "] via fe80::" + random.nextInt(9999)
            + "%eth0 at 10:30:45";
      default:
        return "Subject: Re: [ILUG] " + sentence(random, ENGLISH);
    }
  }

  private static String html(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return "<td align=3D\"center\"><a href=3D\"http://www.example.com/?id=3D"
            + random.nextInt(9999) + "&amp;&amp;&amp;x=3D4\">Click here</a></td>";
      case 1:
        return "<p>&nbsp;&nbsp;" + sentence(random, ENGLISH) + "</p><br><br>";
      case 2:
        return "<font face=3D\"Arial\" size=3D\"2\">" + sentence(random, PORTUGUESE)
            + "</font>=20";
      default:
        return "https://www.example.com/path/to?a=1&&&&&b=2~~~~~ and www.foo.org/~~~~~~x";
    }
  }

  private static String personalData(Random random) {
    String[] values = {
        "(555) " + three(random) + "-" + digits(random, 4),
        "555-" + three(random) + "-" + digits(random, 4),
        "1-800-555-" + digits(random, 4),
        "+55 11 9" + digits(random, 4) + "-" + digits(random, 4),
        "(11) 9" + digits(random, 4) + "-" + digits(random, 4),
        "020 7946 " + digits(random, 4),
        "0044 20 7946 " + digits(random, 4),
        "4111 1111 1111 1111",
        "4111-1111-1111-1112",
        "5500 0000 0000 0004",
        "9780306406157",
        "20010918112139",
        ipv4(random),
        ipv6(random),
        "version 1.2.3.4",
        "v" + ipv4(random),
        random.nextInt(99) + "." + random.nextInt(99) + ".2024",
        "12:30:45",
        "R$ 6.300,00",
        "1 234 567",
        "joao.silva" + random.nextInt(99) + "@empresa.com.br",
        "x.y@z.com",
        "a@b",
        "mailto:" + "user" + random.nextInt(9) + "@example.org++++",
        "Ge" + random.nextInt(50) + ":" + random.nextInt(30),
        "x86 3.14 (see 2) +" + digits(random, 11),
        "call(555) " + three(random) + "-" + digits(random, 4),
        "tel.(11) 9" + digits(random, 4) + "-" + digits(random, 4),
        "f(" + digits(random, 3) + ") " + digits(random, 3) + "-" + digits(random, 4),
        "ID_(030) " + digits(random, 7),
        "fax(" + three(random) + " " + three(random) + " " + digits(random, 4),
    };
    return sentence(random, random.nextBoolean() ? ENGLISH : PORTUGUESE) + " "
        + pick(random, values) + (random.nextBoolean() ? " " + pick(random, values) : "")
        + pick(random, new String[] {".", "", ";", "~~~~~", ")"});
  }

  private static String base64(Random random) {
    StringBuilder b = new StringBuilder();
    int n = 60 + random.nextInt(80);
    for (int k = 0; k < n; k++) {
      b.append(BASE64.charAt(random.nextInt(BASE64.length())));
    }
    return b.toString();
  }

  private static String ipv4(Random random) {
    return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
        + random.nextInt(256);
  }

  private static String ipv6(Random random) {
    return random.nextBoolean() ? "2001:db8::" + Integer.toHexString(random.nextInt(65536))
        : "2001:0db8:85a3:0000:0000:8a2e:0370:" + Integer.toHexString(random.nextInt(65536));
  }

  private static String two(Random random) {
    return digits(random, 2);
  }

  private static String three(Random random) {
    return (2 + random.nextInt(8)) + digits(random, 2);
  }

  private static String digits(Random random, int n) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      b.append((char) ('0' + random.nextInt(10)));
    }
    return b.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
