package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {
  private final PiiRedactor redactor = PiiRedactor.withDefaults();

  @Nested
  class Emails {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Write to john.doe@example.com for details. | Write to [EMAIL] for details.",
        "Contato: maria.silva@empresa.com.br. | Contato: [EMAIL].",
        "Send it to <first.last+news@sub.example.co.uk> now | Send it to <[EMAIL]> now",
        "mailto:suporte@loja.pt?subject=oi | mailto:[EMAIL]?subject=oi",
        "José escreveu para joão@exemplo.pt ontem | José escreveu para [EMAIL] ontem",
        "(a@b.io, c_d%e@f-g.org) | ([EMAIL], [EMAIL])",
    })
    void redactsAddresses(String input, String expected) {
      assertThat(redactor.apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Follow @llmtrain and @maria_silva on social media.",
        "Meet me @ 5pm at the café.",
        "The address user@localhost is not routable.",
        "Bad forms: a@b.c, a@.com, a@-x.com, a@x..com, .@x.com and @example.com.",
        "Prices: 3@10.00 each, 2 @ 4.99.",
    })
    void leavesNonAddressesAlone(String text) {
      assertThat(redactor.apply(text)).isSameAs(text);
    }
  }

  @Nested
  class IpAddresses {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "The server at 192.168.1.10 answered. | The server at [IP] answered.",
        "Use 8.8.8.8 or 1.1.1.1 for DNS | Use [IP] or [IP] for DNS",
        "Route 10.0.0.0/24 via 10.0.0.1:8080. | Route [IP]/24 via [IP]:8080.",
        "IPv6 2001:db8:85a3::8a2e:370:7334 works | IPv6 [IP] works",
        "Full 2001:0db8:0000:0000:0000:ff00:0042:8329 form | Full [IP] form",
        "Loopback ::1 and link-local fe80::1%eth0. | Loopback [IP] and link-local [IP]%eth0.",
        "Mapped ::ffff:192.0.2.128 address | Mapped [IP] address",
        "Endereço [2001:db8::7]:443 do servidor | Endereço [[IP]]:443 do servidor",
    })
    void redactsAddresses(String input, String expected) {
      assertThat(redactor.apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Upgrade to version 1.2.3 or 2.10.1 today.",
        "Versão 4.2.1.0 e version 10.0.0.1 do firmware.",
        "See Section 1.2.3.4 and seção 2.1.1.1; RCS revision 1.1.1.1 date 2001/05/31.",
        "Release v1.2.3.4 and build 5.6.7.8-beta.",
        "Dates 12.05.2024 and 01.02.03 and 2024.01.15.",
        "Not valid: 256.1.1.1, 1.2.3.4.5, 01.02.03.04, 192.168.1.",
        "Times 12:30:45 and 09:15, ratio 3:2, John 3:16.",
        "MAC 00:1a:2b:3c:4d:5e, C++ std::vector and Foo::bar, hex dead::beef.",
        "Ge1:1 In the beginning God created the heaven and the earth.",
    })
    void leavesVersionsDatesAndTimesAlone(String text) {
      assertThat(redactor.apply(text)).isSameAs(text);
    }
  }

  @Nested
  class Phones {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Call (555) 123-4567 today | Call [PHONE] today",
        "Call 555-123-4567 or 555.123.4567 | Call [PHONE] or [PHONE]",
        "Toll free 1-800-555-0199. | Toll free [PHONE].",
        "Dial +1 (555) 123-4567 from abroad | Dial [PHONE] from abroad",
        "Ligue (11) 91234-5678 ou (21) 2345-6789 | Ligue [PHONE] ou [PHONE]",
        "WhatsApp: +55 11 91234-5678 | WhatsApp: [PHONE]",
        "Celular 11 91234-5678, fixo 21 2345-6789. | Celular [PHONE], fixo [PHONE].",
        "Contacto +351 912 345 678 em Lisboa | Contacto [PHONE] em Lisboa",
        "London office 020 7946 0958 or +44 20 7946 0958 | London office [PHONE] or [PHONE]",
        "Paris 01 23 45 67 89, Berlin (030) 1234567 | Paris [PHONE], Berlin [PHONE]",
        "Munich +49 89 1234567, Madrid +34 612 34 56 78 | Munich [PHONE], Madrid [PHONE]",
        "UK +44 (0)20 7946 0958 | UK [PHONE]",
        "From Portugal dial 0044 20 7946 0958 | From Portugal dial [PHONE]",
        "In 2019 call 555-123-4567 | In 2019 call [PHONE]",
    })
    void redactsPhoneNumbers(String input, String expected) {
      assertThat(redactor.apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Founded in 1998, sold in 2024, between 1990-2000.",
        "Dates: 2024-01-15, 15/01/2024, 05/12/2023 and 01.02.2024.",
        "Meeting at 10:30, 14h30 or 9.45 am.",
        "It costs $1,299.99 or R$ 1.500,00 or 1 234 567 euros.",
        "Population 12 345 678 and 123 456 789 people.",
        "ISBN 978-3-16-148410-0 and ISBN 0-306-40615-2 and ISSN 0317-8471.",
        "Part no. 4021-338-12, SKU 12-4455-9, order #882193.",
        "Pages 123-456, chapters 12-15, score 3-1.",
        "The ZIP code is 90210-1234 and the CEP 01310-100.",
        "Numbers 123-456-7890 start with 1, not a US area code.",
        "CPF 123.456.789-09 and CNPJ 12.345.678/0001-95.",
        "A 16-digit id 1234 5678 9012 3456 is not a phone.",
    })
    void leavesOtherNumbersAlone(String text) {
      assertThat(redactor.apply(text)).isSameAs(text);
    }
  }

  @Nested
  class Cards {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Visa 4111 1111 1111 1111 on file | Visa [CARD] on file",
        "Cartão 4111-1111-1111-1111 aprovado | Cartão [CARD] aprovado",
        "MasterCard 5555555555554444. | MasterCard [CARD].",
        "Amex 3782 822463 10005 expires | Amex [CARD] expires",
        "Discover 6011 0009 9013 9424 | Discover [CARD]",
        "Long 6011000000000000001 card | Long [CARD] card",
    })
    void redactsLuhnValidNumbers(String input, String expected) {
      assertThat(redactor.apply(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Wrong digit: 4111 1111 1111 1112.",
        "Order 4539578763621487 was shipped.",
        "ISBN 9780306406164 passes Luhn but is a book.",
        "Timestamp 1700000000004 passes Luhn but starts with 1.",
        "Zeros 0000 0000 0000 0000 and 4444444444444444.",
        "Message-Id: <20010918112108.GB5613@localhost> and ESMTP id 20020917160404:4407",
        "Logged at 20010918112108 by the mail server (Luhn-valid, yet a timestamp).",
        "Too short 4111 1111 1111 and too long 41111111111111111111.",
    })
    void leavesOtherLongNumbersAlone(String text) {
      assertThat(redactor.apply(text)).isSameAs(text);
    }

    @Test
    void luhnCheck() {
      assertThat(Luhn.isValid("79927398713")).isTrue();
      assertThat(Luhn.isValid("4111 1111 1111 1111")).isTrue();
      assertThat(Luhn.isValid("378282246310005")).isTrue();
      assertThat(Luhn.isValid("79927398710")).isFalse();
      assertThat(Luhn.isValid("4111-1111-1111-1112")).isFalse();
      assertThat(Luhn.isValid("4111x1111")).isFalse();
      assertThat(Luhn.isValid("0")).isFalse();
    }
  }

  @Test
  void countsEachKind() {
    EmojiRemoverTest.Counting counts = new EmojiRemoverTest.Counting();
    String out = redactor.apply("Mail a@b.com and c@d.org from 10.1.2.3, call +1 555 123 4567,"
        + " pay with 4111 1111 1111 1111.", counts);
    assertThat(out).isEqualTo("Mail [EMAIL] and [EMAIL] from [IP], call [PHONE], pay with [CARD].");
    assertThat(counts.all()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "pii_email", 2L, "pii_ip", 1L, "pii_phone", 1L, "pii_card", 1L));
  }

  @Test
  void anEmailWinsOverThePhoneInsideIt() {
    assertThat(redactor.apply("Reply to 555-123-4567@sms.example.com"))
        .isEqualTo("Reply to [EMAIL]");
  }

  @Test
  void kindsCanBeSwitchedOffAndPlaceholdersChanged() {
    PiiRedactor custom = new PiiRedactor(PiiConfig.builder().phone(false).card(false)
        .emailPlaceholder("<email>").ipPlaceholder("<ip>").build());
    assertThat(custom.apply("a@b.com 10.0.0.1 (555) 123-4567 4111 1111 1111 1111"))
        .isEqualTo("<email> <ip> (555) 123-4567 4111 1111 1111 1111");
  }

  @Test
  void isIdempotentAndKeepsDocumentsWithoutPii() {
    String once = redactor.apply("Fale com ana@exemplo.com.br ou (11) 91234-5678, IP 172.16.0.1");
    assertThat(redactor.apply(once)).isSameAs(once);
    Document plain = Document.of("d", "Nothing personal in this sentence, written in 2024.");
    assertThat(((Outcome.Kept) redactor.process(plain)).document()).isSameAs(plain);
  }

  @Test
  void configRoundTripsAndRejectsBadParams() {
    PiiConfig config = PiiConfig.builder().ip(false).phonePlaceholder("<tel>").build();
    assertThat(PiiConfig.fromParams(Params.of(StageSpec.of("pii", config.params()))))
        .isEqualTo(config);
    assertThatThrownBy(() -> PiiConfig.fromParams(
        Params.of(StageSpec.of("pii", Map.of("emails", false)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("emails")
        .hasMessageContaining("emailPlaceholder");
    assertThatThrownBy(() -> PiiConfig.fromParams(
        Params.of(StageSpec.of("pii", Map.of("emailPlaceholder", "x@y.com")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("looks like PII");
  }
}
