package io.llmtrain.data.dedup;

/** Real-looking English and Portuguese passages written for these tests. */
final class SampleTexts {
  private SampleTexts() {
  }

  static final String HARBOUR_EN = """
      The old harbour at the mouth of the river was rebuilt three times in the last century. \
      Each time the town council promised that the new quay would outlast the storms, and each \
      time the sea proved them wrong within a generation. The fishermen who still work there \
      remember the winter of 1987, when waves broke over the lighthouse and the night ferry was \
      stranded for four days with two hundred passengers on board.

      Today the harbour is quieter. Most of the trawlers have been sold, and the warehouses along \
      the waterfront now hold galleries, a bakery and a small museum about the herring trade. \
      Visitors arrive in summer on the coastal train, walk along the breakwater and photograph \
      the painted boats that are kept mostly for show. In the off season the museum opens only \
      at weekends, and the bakery closes at two in the afternoon.

      The council has now approved a plan to dredge the channel and extend the northern pier, so \
      that larger sailing yachts can moor overnight. Supporters say the project will bring \
      money and jobs to a town that has lost half of its young people in twenty years. Critics \
      point out that the last extension cost twice its budget and that the seabed near the pier \
      is home to a colony of rare seagrass. A public consultation will run until the end of \
      March, and the final decision is expected before the summer holidays begin.
      """;

  /** {@link #HARBOUR_EN} with four words changed in its last paragraph and re-wrapped. */
  static final String HARBOUR_EN_EDITED = """
      The old harbour at the mouth of the river was rebuilt three times in the last century.
      Each time the town council promised that the new quay would outlast the storms, and each
      time the sea proved them wrong within a generation. The fishermen who still work there
      remember the winter of 1987, when waves broke over the lighthouse and the night ferry was
      stranded for four days with two hundred passengers on board.

      Today the harbour is quieter. Most of the trawlers have been sold, and the warehouses along
      the waterfront now hold galleries, a bakery and a small museum about the herring trade.
      Visitors arrive in summer on the coastal train, walk along the breakwater and photograph
      the painted boats that are kept mostly for show. In the off season the museum opens only
      at weekends, and the bakery closes at two in the afternoon.

      The council has finally approved a plan to dredge the channel and extend the northern pier,
      so that larger sailing boats can moor overnight. Supporters say the scheme will bring
      money and jobs to a town that has lost half of its young people in twenty years. Critics
      point out that the last extension cost twice its budget and that the seabed near the pier
      is home to a colony of protected seagrass. A public consultation will run until the end of
      March, and the final decision is expected before the summer holidays begin.
      """;

  static final String BAKERY_EN = """
      Making sourdough at home takes patience more than skill. The starter, a paste of flour and \
      water left to ferment, needs feeding every day for about a week before it is lively enough \
      to raise a loaf. Keep it somewhere warm, stir it each morning, and throw away half before \
      adding fresh flour, otherwise the jar will overflow and the taste will turn sharp.

      On baking day, mix the starter with more flour, water and a little salt, then leave the \
      dough to rest. Fold it every half hour for the first two hours so that the gluten develops \
      without heavy kneading. Shape the loaf gently, let it rise overnight in the refrigerator \
      and bake it in a very hot covered pot. The crust should crackle as it cools, and the crumb \
      should be open and slightly glossy. Resist cutting it while warm; the inside is still \
      setting for an hour after it leaves the oven.
      """;

  static final String PRAIA_PT = """
      A pequena vila de pescadores fica no fim de uma estrada de terra, entre as dunas e um \
      rio de água escura. Durante o inverno quase ninguém passa por lá: as casas de veraneio \
      ficam fechadas, a padaria abre só de manhã e os barcos descansam na areia, virados de \
      cabeça para baixo. Os moradores mais antigos contam que a maré de 1979 levou metade do \
      cais e que a igreja serviu de abrigo durante três noites.

      No verão tudo muda. Chegam famílias da capital, o mercado vende peixe fresco logo cedo e \
      as crianças passam o dia a apanhar caranguejos nas pedras. À noite há música na praça, e \
      a única pousada da vila fica lotada semanas antes do Carnaval. Muitos jovens trabalham \
      apenas nesses meses e passam o resto do ano nas cidades maiores, onde estudam ou procuram \
      emprego.

      A prefeitura anunciou agora um projeto para asfaltar a estrada e construir um novo cais \
      para barcos de turismo. Os comerciantes apoiam a ideia, porque esperam mais visitantes e \
      mais dinheiro. Os pescadores desconfiam, lembrando que a última obra ficou parada dois \
      anos e que o rio já sofre com o lixo deixado pelos turistas. Uma audiência pública está \
      marcada para o fim de abril, e a decisão final deve sair antes das férias de julho.
      """;

  /** {@link #PRAIA_PT} with four words changed in its first paragraph and re-wrapped. */
  static final String PRAIA_PT_EDITED = """
      A pequena aldeia de pescadores fica no fim de uma estrada de terra, entre as dunas e um
      rio de água escura. Durante o inverno quase ninguém passa por ali: as casas de veraneio
      ficam fechadas, a padaria abre só de manhã e os barcos descansam na areia, virados de
      cabeça para baixo. Os moradores mais velhos contam que a maré de 1979 levou metade do
      cais e que a capela serviu de abrigo durante três noites.

      No verão tudo muda. Chegam famílias da capital, o mercado vende peixe fresco logo cedo e
      as crianças passam o dia a apanhar caranguejos nas pedras. À noite há música na praça, e
      a única pousada da vila fica lotada semanas antes do Carnaval. Muitos jovens trabalham
      apenas nesses meses e passam o resto do ano nas cidades maiores, onde estudam ou procuram
      emprego.

      A prefeitura anunciou agora um projeto para asfaltar a estrada e construir um novo cais
      para barcos de turismo. Os comerciantes apoiam a ideia, porque esperam mais visitantes e
      mais dinheiro. Os pescadores desconfiam, lembrando que a última obra ficou parada dois
      anos e que o rio já sofre com o lixo deixado pelos turistas. Uma audiência pública está
      marcada para o fim de abril, e a decisão final deve sair antes das férias de julho.
      """;

  static final String RECEITA_PT = """
      Para fazer um bom feijão, deixe os grãos de molho em água fria durante a noite e descarte \
      essa água pela manhã. Cozinhe o feijão na panela de pressão com folhas de louro por cerca \
      de vinte e cinco minutos, até que fique macio mas ainda inteiro. Enquanto isso, doure \
      cebola e alho no azeite, junte um pedaço de linguiça em rodelas e deixe fritar bem.

      Quando o feijão estiver pronto, retire uma concha de grãos, amasse com um garfo e devolva \
      à panela para engrossar o caldo. Acrescente o refogado, acerte o sal e deixe ferver em fogo \
      baixo por mais quinze minutos, mexendo de vez em quando. Sirva com arroz branco, couve \
      refogada e uma farofa simples, feita com manteiga e farinha de mandioca torrada.
      """;
}
