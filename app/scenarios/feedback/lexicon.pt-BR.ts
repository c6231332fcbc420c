import { type Lexicon } from "./lexicon.ts";

// Brazilian Portuguese. RegExp cues run on normalised text: lower case, no accents
// ("você" → "voce", "até" → "ate", "às" → "as", "ç" → "c"), one space between words.
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}])`;
const words = (body: string) => new RegExp(`${START}(?:${body})${END}`, "u");

// Support actions ("-ar" verbs) in the infinitive. From these: "enviei" / "verifiquei" / "liguei"
// (I did), "enviamos" (we do/did) and the participle after "foi / será / já está" ("foi enviado").
const arVerbs = [
  "enviar",
  "reenviar",
  "mandar",
  "solicitar",
  "encaminhar",
  "repassar",
  "registrar",
  "anotar",
  "verificar",
  "checar",
  "analisar",
  "revisar",
  "consultar",
  "cancelar",
  "estornar",
  "reembolsar",
  "creditar",
  "depositar",
  "atualizar",
  "alterar",
  "ajustar",
  "agendar",
  "reagendar",
  "marcar",
  "programar",
  "acionar",
  "avisar",
  "informar",
  "notificar",
  "comunicar",
  "ligar",
  "contatar",
  "retornar",
  "escalar",
  "priorizar",
  "liberar",
  "autorizar",
  "aprovar",
  "reativar",
  "desbloquear",
  "processar",
  "gerar",
  "trocar",
  "despachar",
  "postar",
  "acompanhar",
  "monitorar",
  "testar",
  "confirmar",
  "adicionar",
  "criar",
  "deixar",
  "providenciar",
  "separar",
  "tratar",
  "falar",
  "conversar",
  "orientar",
  "sinalizar",
];
const arStems = arVerbs.map((v) => v.slice(0, -2));
// Spelling before -ei: verific → verifiqu-ei, lig → ligu-ei.
const eiForms = arStems.map((s) => (s.endsWith("c") ? `${s.slice(0, -1)}qu` : s.endsWith("g") ? `${s}u` : s));
// "-er" / "-ir" verbs: I did, we did, participle stem.
const otherPast = [
  "abri",
  "reabri",
  "pedi",
  "emiti",
  "corrigi",
  "resolvi",
  "inclui",
  "transferi",
  "devolvi",
  "substitui",
  "conferi",
  "expedi",
  "fiz",
];
const otherPastPlural = [
  "abrimos",
  "reabrimos",
  "emitimos",
  "corrigimos",
  "resolvemos",
  "incluimos",
  "transferimos",
  "devolvemos",
  "substituimos",
  "conferimos",
  "expedimos",
  "fizemos",
];
const participles = [
  ...arStems.map((s) => `${s}ad`),
  "abert",
  "reabert",
  "emitid",
  "corrigid",
  "resolvid",
  "incluid",
  "transferid",
  "devolvid",
  "substituid",
  "expedid",
  "atendid",
  "feit",
];

const weekday = "(?:segunda|terca|quarta|quinta|sexta|sabado|domingo)";
const numberWord = String.raw`(?:\d+|uma?|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|doze|quinze|vinte|trinta|quarenta e oito|vinte e quatro|alguns|algumas|poucos|poucas|meia)`;
const unit = String.raw`(?:minutos?|min|horas?|hs?|dias?(?: uteis| corridos)?|semanas?|mes|meses)`;
// Ordinal uses of segunda/quinta… ("na segunda cobrança", "na quinta tentativa") are not days.
const notADay =
  "(?! (?:vez|vezes|cobranca|cobrancas|tentativa|parcela|via|opcao|fatura|compra|entrega|etapa|mensagem|ligacao|pessoa|linha|unidade|posicao|versao|conta|solicitacao|reclamacao|troca|encomenda|caixa|chance|semana|quinzena))";

export const ptBR: Lexicon = {
  greetings: [
    "ola",
    "oi",
    "oie",
    "bom dia",
    "boa tarde",
    "boa noite",
    "prezado",
    "prezada",
    "prezados",
    "prezadas",
    "saudacoes",
    "seja bem-vindo",
    "seja bem-vinda",
    // "Caro cliente", "Cara Marta" — only as the first word (otherwise "caro" is "expensive").
    /^(?:car[oa]|querid[oa])s?(?![\p{L}])/u,
    // "Obrigada pelo contato", "Obrigado por entrar em contato", "Agradecemos a mensagem".
    words(String.raw`(?:muito )?obrigad[oa]s? (?:pelo|pela|por)|agrade(?:co|cemos) (?:o|a|pelo|pela|por|seu|sua)`),
    // "Tudo bem, Marta?" / "Como vai?" — only as a question ("Tudo bem, vou verificar" is not a greeting).
    words(
      String.raw`(?:tudo (?:bem|bom|certo|joia|tranquilo)|como vai|como esta)(?: com (?:voce|o senhor|a senhora))?(?:,? \p{L}+)?\?`,
    ),
  ],
  feelings: [
    "entendo",
    "entendemos",
    "compreendo",
    "compreendemos",
    "compreensivel",
    "imagino",
    "imaginamos",
    "posso imaginar",
    "consigo imaginar",
    "sei o quanto",
    "sei bem como",
    "sei como e",
    "tem razao",
    "tem toda razao",
    "tem toda a razao",
    "com razao",
    "com toda razao",
    "faz todo sentido",
    "faz todo o sentido",
    "nao deve ser facil",
    "nao e facil",
    "que pena",
    "poxa",
    "puxa",
    "que situacao",
    "situacao dificil",
    "momento dificil",
    // "Sei que a semana foi pesada", "um dia puxado": naming how hard the time was.
    words(
      String.raw`(?:semana|dia|mes|periodo|fase|momento|plantao|turno) (?:\p{L}+ ){0,2}(?:pesad[oa]|puxad[oa]|dificil|complicad[oa]|dur[oa]|corrid[oa])`,
    ),
    "que alivio",
    // frustrante, frustrada, frustração, chateada, preocupado, estressante, desagradável…
    words(
      String.raw`frustra(?:nte|ntes|d[oa]s?|cao|coes)|estressante|desgastante|preocupante|desagradave(?:l|is)|decepciona(?:nte|d[oa]s?)|irrita(?:nte|d[oa]s?|cao)|angustia(?:nte|d[oa]s?)|chatea(?:d[oa]s?|cao)|chat[oa]|aborreci(?:d[oa]s?|mento)|preocupa(?:d[oa]s?|cao)|transtornad[oa]s?|ansios[oa]s?|insatisfeit[oa]s?|insatisfacao|cansativ[oa]`,
    ),
  ],
  apologies: [
    "sinto muito",
    "sentimos muito",
    "peco desculpas",
    "pedimos desculpas",
    "nossas desculpas",
    "minhas desculpas",
    "mil desculpas",
    "desculpe",
    "desculpem",
    "desculpa",
    "desculpas",
    "lamento",
    "lamentamos",
    "perdao",
    "me perdoe",
    "nos perdoe",
    "falha nossa",
    "erro nosso",
  ],
  banned: [
    // "Calm down": se acalme, acalme-se, fique calma, calma aí… ("com calma" = carefully is fine).
    words(
      String.raw`acalme[- ]se|se acalme|acalma[- ]te|te acalma|acalmem[- ]se|fique calm[oa]|fica calm[oa]|mantenha a calma|tenha calma|calma ai|calma la|nao precisa (?:se exaltar|ficar nervos[oa]|gritar)|nao se exalte`,
    ),
    // A bare "Calma!" / "Calma, …" opening a sentence is "calm down" ("vou ver com calma" is not).
    /(?:^|[.!?…] )calma(?=[,!.…]|$)/u,
    // "That's not my job / department / problem".
    words(
      String.raw`nao e (?:o |a |da |do )?(?:meu|minha|nosso|nossa) (?:trabalho|funcao|setor|area|departamento|responsabilidade|problema|alcada)|nao e (?:da|do) (?:minha|meu|nossa|nosso) (?:conta|area|setor|departamento|alcada)|nao e (?:problema|responsabilidade|funcao|trabalho|servico|assunto) (?:meu|minha|nosso|nossa)|(?:o )?problema (?:e )?seu|nao e comigo|nao e com a gente|nao cuido disso`,
    ),
    // "There's nothing I can do".
    words(
      String.raw`nao (?:posso|podemos|consigo|conseguimos|tenho como|temos como) fazer nada|nao (?:ha|tem|existe) (?:mais )?(?:nada|o) que (?:eu |nos |a gente )?(?:possa |possamos |podemos |posso )?(?:mais )?fazer|nao (?:ha|tem) (?:mais )?nada a fazer|nada (?:posso|podemos) fazer`,
    ),
    // Telling off an upset customer for their tone ("olha o tom", "não precisa ser grosso"), instead of one calm limit.
    words(
      String.raw`olh[ae] (?:o|esse|seu) (?:tom|linguajar)|olh[ae] (?:a|essa|sua) (?:boca|lingua|linguagem)|olh[ae] como (?:voce )?fala|(?:modere|controle|cuidado com) (?:o |seu |esse |a |sua |essa |as |suas )?(?:tom|linguajar|linguagem|palavras)|nao (?:precisa|tem por que|tem porque) ser (?:grosso|grossa|mal[- ]educad[oa]|estupid[oa])|nao (?:fale|fala) (?:assim comigo|comigo (?:assim|desse jeito|nesse tom))`,
    ),
    // "Obviously".
    "obviamente",
    "e obvio",
    // "Sorry for any inconvenience": qualquer transtorno, eventuais inconvenientes…
    words(
      String.raw`(?:qualquer|quaisquer|eventua(?:l|is)|possive(?:l|is)) (?:transtornos?|inconvenientes?|inconveniencias?|incomodos?|aborrecimentos?|problemas? causados?)`,
    ),
    // "Sorry you feel that way": lamento que você se sinta assim, desculpe se se sentiu ofendida…
    words(
      String.raw`(?:lamento|lamentamos|sinto muito|sentimos muito|desculpe|desculpa|desculpas) (?:que|se|caso) (?:voce |vc |o senhor |a senhora )?(?:se sinta|se sentiu|se sente|tenha se sentido|pense|pensa|ache|acha|entendeu|tenha entendido|interpretou|tenha interpretado) (?:\p{L}+ )?(?:assim|dessa forma|desta forma|desse jeito|deste jeito|dessa maneira|desta maneira|ofendid[oa]s?|incomodad[oa]s?|mal)`,
    ),
  ],
  blame: [
    // "It's not our fault".
    words(
      String.raw`nao (?:e|foi) (?:culpa|responsabilidade) (?:nossa|minha|da empresa|da loja)|nao (?:e|foi) (?:nossa|minha) (?:culpa|responsabilidade)|a culpa nao (?:e|foi) (?:nossa|minha|da empresa|da loja)|nao (?:temos|tenho) culpa`,
    ),
    // "As I already said / as stated": como já informei, conforme já dito, como eu disse…
    words(
      String.raw`(?:como|conforme) (?:eu |nos )?(?:ja )?(?:te |lhe |lhes )?(?:ja )?(?:disse|dissemos|falei|falamos|expliquei|explicamos|informei|informamos|mencionei|mencionamos|avisei|avisamos|repeti)|(?:como|conforme) ja (?:foi )?(?:dito|falado|informado|explicado|mencionado|avisado)|(?:como|conforme) (?:foi )?(?:dito|informado|explicado|mencionado) (?:anteriormente|antes)`,
    ),
    // "You should have / you need to read": você deveria ter lido, a senhora devia ter conferido…
    words(
      String.raw`(?:voce|vc|voces|o senhor|a senhora|os senhores) (?:deveria|devia|deveriam|deviam|tinha que|tinha de|teria que|teria de|precisava|precisaria|precisa|deve|tem que) (?:ter|ler|saber|ver|olhar|conferir|verificar|prestar)|era so (?:voce |vc )?ter|bastava (?:voce |vc )?ter|se (?:voce|vc|o senhor|a senhora) tivesse (?:lido|visto|conferido|prestado)|leia com (?:mais )?atencao`,
    ),
    // "Your fault" — but "não é culpa sua" (it's not your fault) is reassurance, not blame.
    /(?<![\p{L}\p{N}])(?<!nao (?:e|foi|eh) (?:a )?)(?:culpa (?:e |foi )?(?:sua|do senhor|da senhora|de voces|do cliente)|(?:sua|vossa) culpa)(?![\p{L}])/u,
    words(String.raw`(?:voce|vc|o senhor|a senhora) (?:que )?errou|o erro foi (?:seu|do senhor|da senhora)|erro seu`),
  ],
  nextSteps: [
    "vou",
    "vamos",
    "acabei de",
    "acabamos de",
    "proximo passo",
    "proximos passos",
    "proxima etapa",
    "proximas etapas",
    "previsao de",
    // Future: enviarei, farei, retornaremos, entraremos em contato, irei.
    words(String.raw`\p{L}*(?:arei|erei|irei|aremos|eremos|iremos)`),
    // What the customer will see: você vai receber, o valor vai cair, receberá, chegará…
    words(String.raw`(?:vai|vao|ira|irao) (?:\p{L}+ )?\p{L}+(?:ar|er|ir|or)`),
    words(
      String.raw`recebera|receberao|chegara|chegarao|caira|cairao|estara|estarao|aparecera|aparecerao|podera|poderao|(?:voce|vc|o senhor|a senhora) recebe`,
    ),
    // Done or under way: enviei, verifiquei, liguei, solicitamos, abri, fiz, estou verificando.
    words(
      [...eiForms.map((s) => `${s}ei`), ...arStems.map((s) => `${s}amos`), ...otherPast, ...otherPastPlural].join("|"),
    ),
    words(String.raw`(?:estou|estamos|ja estou|ja estamos) \p{L}+ndo`),
    // Passive: foi solicitado, será estornada, já está agendado, vai ser enviado.
    words(
      String.raw`(?:ja )?(?:foi|foram|sera|serao|vai ser|vao ser|esta sendo|estao sendo|ja esta|ja estao|ficou|ficara) (?:\p{L}+ )?(?:(?:${participles.join("|")})(?:o|a|os|as)|entregues?)`,
    ),
    // Present with future meaning, very common in Brazil: "te ligo amanhã", "te dou um retorno".
    words(
      String.raw`(?:te|lhe) (?:ligo|aviso|retorno|mando|envio|escrevo|confirmo|atualizo|informo|respondo|chamo|procuro)|(?:te |lhe )?(?:dou|damos) (?:um )?retorno|entro em contato|retorno o contato`,
    ),
    // Someone else, present for future: "ela te liga amanhã", "a Camila liga pro senhor", "a gente se fala na terça".
    words(
      String.raw`(?:te|lhe) (?:liga|retorna|escreve|responde|avisa|manda|envia|chama)|(?:liga|retorna|escreve) (?:pro senhor|pra senhora|para o senhor|para a senhora|pra voce|para voce|pra vc)|a gente se (?:fala|ve)|a gente conversa|nos falamos`,
    ),
  ],
  timeFrames: [
    // hoje (not "hoje em dia" = nowadays), amanhã, depois de amanhã.
    words(String.raw`hoje(?! em dia)|amanha|depois de amanha`),
    words(
      String.raw`(?:esta|nesta|essa|nessa|ainda esta|ainda nesta) (?:manha|tarde|noite|semana)|(?:na )?proxima semana|semana que vem|(?:no )?proximo mes|mes que vem`,
    ),
    words(
      String.raw`(?:ate|no|ao|antes do) (?:o )?(?:fim|final) (?:do|da|deste|desta) (?:dia|semana|mes|expediente|tarde|manha)|(?:ao|ate o|ate|antes do) meio[- ]dia`,
    ),
    // Weekdays: segunda-feira, até sexta, na próxima quarta, no sábado.
    words(String.raw`(?:segunda|terca|quarta|quinta|sexta)[- ]feira|sabado|domingo`),
    words(
      String.raw`(?:ate|ate a|ate esta|ate essa|ate a proxima|na|nesta|nessa|na proxima|proxima|desta|dessa) ${weekday}${notADay}|${weekday} que vem`,
    ),
    // Durations: em até 5 dias úteis, dentro de 24 horas, nas próximas 48h, em meia hora, daqui a dois dias.
    words(
      String.raw`(?:em ate|ate|dentro de|em|no prazo de|daqui a|em no maximo|no maximo|em cerca de|cerca de|nas proximas|nos proximos|apos) ${numberWord} ?${unit}`,
    ),
    words(String.raw`${numberWord} dias? uteis`),
    // Dates and times: até o dia 15, dia 15/03, às 10h, 10h30, 14:00, antes das 16.
    words(String.raw`(?:ate|no|ate o|a partir do) dia \d{1,2}|(?:ate|dia|em) \d{1,2}/\d{1,2}(?:/\d{2,4})?`),
    /(?<![\p{L}\p{N}])(?:[01]?\d|2[0-3])(?::[0-5]\d|h(?:[0-5]\d)?|hs)(?![\p{L}\p{N}])/u,
    words(String.raw`(?:antes|depois|a partir|ate|por volta) (?:das|as) \d{1,2}`),
  ],
  closings: [
    "mais alguma coisa",
    "algo mais",
    "mais algo",
    "qualquer duvida",
    "qualquer coisa",
    "alguma duvida",
    "outras duvidas",
    "outra duvida",
    "se precisar",
    "caso precise",
    "sempre que precisar",
    "conte comigo",
    "conte conosco",
    "pode contar comigo",
    "pode contar com a gente",
    "estou aqui para",
    "estamos aqui para",
    "estou por aqui",
    "me avise",
    "me avisa",
    "nos avise",
    "me chame",
    "me chama",
    "nos chame",
    "fale conosco",
    "fale com a gente",
    // "Fico à disposição", "estamos à sua disposição".
    words(String.raw`a (?:sua |inteira |total )?disposicao`),
    // "Posso ajudar em mais alguma coisa?", "Em que mais posso te ajudar?"
    words(String.raw`(?:mais )?posso (?:te |lhe )?ajudar|prazer (?:em )?ajudar`),
    // "É só responder este e-mail", "basta me chamar".
    words(
      String.raw`(?:e so|basta) (?:me |nos )?(?:chamar|responder|falar|avisar|escrever)|responda (?:a )?(?:este|esta|essa|esse) (?:e-mail|email|mensagem)|entre em contato (?:conosco|com a gente|comigo|novamente)`,
    ),
  ],
  acronyms: [
    "CPF",
    "CNPJ",
    "PIX",
    "CEP",
    "SAC",
    "PROCON",
    "CDC",
    "LGPD",
    "SPC",
    "SERASA",
    "CNH",
    "TED",
    "DOC",
    "DDD",
    "IOF",
    "ICMS",
    "INSS",
    "ANATEL",
    "ANEEL",
    "ANS",
    "DANFE",
    "NFE",
    "BRL",
    "USD",
    "EUR",
    "SMS",
    "PDF",
    "URL",
    "FAQ",
    "CSAT",
    "NPS",
    "SLA",
    "CRM",
    "PIN",
    "API",
    "UTC",
    "BRT",
    "OK",
    "ID",
    "PS",
    "APP",
  ],
};
