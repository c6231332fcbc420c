import { type Lexicon } from "./lexicon.ts";

// Spanish (Spain and Latin America, tú and usted). Every RegExp runs on normalised text:
// lower case, no accents ("mañana" → "manana", "días" → "dias"), one space between words.
// `(?<![\p{L}\p{N}])` … `(?![\p{L}])` stand in for word boundaries.

/** Whole-word pattern on normalised text. */
const w = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}])`, "u");

const number =
  "\\d+|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|veinticuatro|cuarenta y ocho|setenta y dos|un par de|unos pocos|unas pocas|unos cuantos|unas cuantas|unos|unas|pocos|pocas";
const unit =
  "(?:minutos?|min|horas?|h|hs|hrs|dias?|semanas?|mes|meses)(?: (?:habiles|laborables|laborales|naturales|utiles|corridos))?";
const weekday = "lunes|martes|miercoles|jueves|viernes|sabado|domingo";
const month = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre";
const regularVerbs =
  "enviar|reenviar|mandar|llamar|escribir|revisar|comprobar|confirmar|avisar|informar|notificar|tramitar|gestionar|reembolsar|devolver|contactar|actualizar|escalar|solucionar|resolver|procesar|activar|cancelar|anular|abonar|ingresar|transferir|emitir|comunicar|verificar|investigar|analizar|consultar|hablar|asegurar|encargar|ocupar|programar|agendar|coordinar|cambiar|reparar|sustituir|recoger|preparar|responder|contestar|mirar|seguir|pasar|dar|ir|estar";
// First person preterite, normalised: "escalé" → "escale", "verifiqué" → "verifique", "devolví" → "devolvi".
const preterites = [
  ...regularVerbs
    .split("|")
    .filter((v) => v.endsWith("ar") && v !== "dar" && v !== "estar")
    .map((v) => v.slice(0, -2))
    .map((s) => (s.endsWith("c") ? `${s.slice(0, -1)}qu` : s.endsWith("g") ? `${s}u` : s) + "e"),
  "reprograme|agende|devolvi|resolvi|escribi|emiti|transferi|pedi|hice|di",
].join("|");
const hour = "\\d{1,2}|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce";

export const es: Lexicon = {
  greetings: [
    "hola",
    "buenos dias",
    "buen dia",
    "buenas tardes",
    "buenas noches",
    // "Buenas" alone is a greeting; "Buenas noticias" is not.
    w("buenas(?! noticias)"),
    "estimada",
    "estimado",
    "estimados",
    "estimadas",
    "querida",
    "querido",
    "saludos",
    "que tal",
    w(
      "(?:muchas )?gracias por (?:contactar(?:nos)?|escribir(?:nos)?|ponerte|ponerse|comunicarte|comunicarse|tu mensaje|su mensaje|tu consulta|su consulta|tu correo|su correo)",
    ),
  ],
  feelings: [
    "entiendo",
    "comprendo",
    "me imagino",
    "imagino",
    "puedo imaginar",
    "me hago una idea",
    w("me pongo en (?:tu|su) lugar"),
    "es comprensible",
    "comprensible",
    "es normal que",
    "es logico que",
    "con razon",
    w("(?:tiene|tienes|tienen) (?:toda la )?razon"),
    w(
      "(?:debe|debio|ha de|tiene que) (?:de )?(?:ser|haber sido) (?:muy |realmente |bastante |tan |todo )?(?:duro|dura|dificil|complicado|complicada|agotador|agotadora|horrible|terrible|incomodo|un fastidio|un lio|un rollo|un agobio|una faena)",
    ),
    w(
      "se que (?:es|esta|estas|debe|ha sido|no es)|se (?:lo|cuanto|como) (?:importante|molesto|frustrante|urgente|incomodo|preocupante|dificil|duro)",
    ),
    // "La semana ha estado muy pesada", "una jornada dura": naming how hard the time was.
    w(
      "(?:semana|jornada|dia|mes|racha|temporada) (?:(?:ha|han) (?:sido|estado)|fue|estuvo|es|esta|esta siendo|viene siendo) (?:muy |bastante |tan |realmente |demasiado )?(?:pesad[oa]|dur[oa]|dificil|complicad[oa]|agotador[a]?|intens[oa])|(?:una|esta|esa) (?:semana|jornada|racha) (?:muy |tan |bastante )?(?:pesada|dura|dificil|complicada|agotadora)",
    ),
    "que alivio",
    w("frustra(?:nte|ntes|cion|do|da|dos|das)"),
    w("estresante|estres|agobiante|agobio|agobiad[oa]s?"),
    w("preocupa(?:nte|cion|do|da|dos|das)|inquietud|inquietante"),
    w("desesperante|decepcionante|decepcion|decepcionad[oa]s?"),
    w("indignante|indignacion|indignad[oa]s?"),
    // "molesta" the adjective, not "si no le molesta" the verb.
    w("(?<!(?:le|te|les|os|me|no) )molest[oa]s?"),
    w("enfadad[oa]s?|enojad[oa]s?|enfado|enojo|malestar|disgusto|disgustad[oa]s?|fastidio|fastidios[oa]"),
    w("que (?:rabia|fastidio|lata|faena|pena|mal rato)|una pena|un mal rato|vaya (?:faena|situacion|lio)"),
  ],
  apologies: [
    "lo siento",
    "lo sentimos",
    "lo lamento",
    "lo lamentamos",
    "lamento",
    "lamentamos",
    w(
      "(?:siento|sentimos) (?:muchisimo|mucho|de verdad|sinceramente|profundamente|el|la|los|las|que|tanto|este|esta|todo)",
    ),
    "disculpa",
    "disculpas",
    "disculpe",
    "disculpen",
    "disculpanos",
    "disculpenos",
    "perdon",
    "perdona",
    "perdone",
    "perdonen",
    "perdonanos",
    "perdonenos",
  ],
  banned: [
    // "Calm down."
    w("calmate|calmese|calmense|calmaos|tranquilizate|tranquilicese|tranquilicense|relajate|relajese|relajense"),
    w(
      "mantenga la calma|manten la calma|no se altere|no te alteres|no se ponga (?:asi|nervios[oa])|no te pongas (?:asi|nervios[oa])|no (?:me )?grite|no (?:me )?grites|baje el tono|baja el tono",
    ),
    w("no es para tanto|no exagere|no exageres|es lo que hay(?! que)"),
    // "That's not my job / department / problem."
    w(
      "no es (?:mi|nuestro) (?:trabajo|chamba|problema|departamento|area|asunto|tema)|no es (?:problema|asunto|cosa|tema) (?:mio|mia|nuestro|nuestra)",
    ),
    w(
      "no es de mi (?:departamento|area|competencia)|no es mi responsabilidad|no me corresponde|eso no lo llevo yo|no depende de (?:mi|nosotros)|no esta en (?:mis|nuestras) manos",
    ),
    w("(?:eso|esto) (?:es cosa|lo lleva|lo gestiona) (?:de )?otro departamento"),
    // "There's nothing I can do."
    w(
      "no (?:puedo|podemos|se puede) hacer nada|no hay nada (?:mas )?que (?:yo )?(?:pueda|podamos|se pueda|hacer)|nada (?:puedo|podemos) hacer|poco (?:puedo|podemos) hacer",
    ),
    // "Sorry for any inconvenience." and other canned apologies.
    w("(?:disculpe|disculpen|disculpa|perdone|perdonen|perdona) las molestias"),
    // Not "ante cualquier inconveniente, escríbenos" (= if anything goes wrong), a normal closing.
    w(
      "(?:disculp\\p{L}*|perdon\\p{L}*|lament\\p{L}*|siento|sentimos)(?: (?:por|de|las|los))? cualquier (?:molestia|inconveniente|inconveniencia)",
    ),
    w("(?:molestias|inconvenientes) ocasionad[oa]s"),
    w(
      "(?:las molestias|los inconvenientes|el inconveniente|la molestia) que (?:esto |este retraso |esta situacion )?(?:le |te |les |os )?(?:pueda|puedan|pudiera|pudieran|haya podido|hayan podido|hayamos podido)",
    ),
    // "Sorry you feel that way."
    w(
      "(?:siento|sentimos|lamento|lamentamos) (?:mucho )?que (?:usted |tu )?(?:se sienta|te sientas|se haya sentido|te hayas sentido|lo vea|lo veas|lo perciba|lo percibas|piense|pienses) (?:asi|eso|de esa (?:manera|forma)|de ese modo)",
    ),
    w(
      "(?:siento|sentimos|lamento|lamentamos) si (?:usted |tu )?(?:se ha|te has|se haya|te hayas|se hubiera|te hubieras) sentido",
    ),
    // Telling off an upset customer for their tone ("cuide su lenguaje", "no me hable así"), instead of one calm limit.
    w(
      "cuide (?:su|ese) (?:lenguaje|vocabulario|tono)|cuida (?:tu|ese) (?:lenguaje|vocabulario|tono)|cuide sus palabras|cuida tus palabras|modere (?:su|ese) (?:lenguaje|tono|vocabulario)|modera (?:tu|ese) (?:lenguaje|tono|vocabulario)|no (?:me )?(?:hable|hables) (?:asi|en ese tono)|no (?:tiene|tienes) por que hablarme (?:asi|en ese tono)|no (?:hay necesidad de|hace falta|tiene por que|tienes por que) ser (?:grosero|grosera|maleducado|maleducada)|no (?:sea|seas) (?:grosero|grosera|maleducado|maleducada)|con quien (?:cree|crees) que (?:esta|estas) hablando",
    ),
    // "Obviously."
    w("obviamente|evidentemente|es obvio|como es obvio"),
  ],
  blame: [
    // "It's not our fault." / "Your fault." ("No es culpa suya" — it's not your fault — is kind.)
    w("no es (?:culpa (?:nuestra|mia)|(?:nuestra|mi) culpa)|no fue (?:culpa (?:nuestra|mia)|(?:nuestra|mi) culpa)"),
    w(
      "(?<!(?:no|nada de esto|en absoluto) (?:es|fue|ha sido|sera) )(?:culpa (?:suya|tuya|vuestra|del cliente)|(?:su|tu) culpa)",
    ),
    w("usted se (?:equivoco|ha equivocado)|se (?:equivoco|ha equivocado) usted|te (?:equivocaste|has equivocado)"),
    // "As I already said." / "Per my last email."
    w(
      "como ya (?:se lo |te lo |se le |le |te |les |os )?(?:he |hemos |habia |habiamos )?(?:dije|dijimos|dicho|comente|comentado|indique|indicamos|indicado|explique|explicamos|explicado|mencione|mencionado|informe|informamos|informado|aclare|aclarado|senale|senalado)",
    ),
    w(
      "como (?:le|te|les|os|se lo|te lo) (?:dije|comente|indique|explique|he dicho|he comentado|he indicado|he explicado)",
    ),
    w(
      "como ya (?:se indico|se le indico|se explico|se menciono)|(?:se lo|te lo|lo) (?:vuelvo a )?repito|vuelvo a repetir|segun (?:mi|nuestro) (?:ultimo|anterior) correo",
    ),
    // "You should have…" (not "deberías haber recibido un SMS", which is neutral).
    w(
      "(?:deberias|debias|tendrias que|tenias que|usted (?:deberia|debia|tendria que|tenia que)) haber(?:lo|la|los|las|nos|me)? (?!recibido|obtenido|tenido)\\p{L}+(?:ado|ido|to|cho)",
    ),
    w(
      "(?:debiste|usted debio) (?!recibir|tener|obtener|haber recibido)\\p{L}+(?:ar|er|ir)(?:lo|la|los|las|nos|me|se)?",
    ),
    w(
      "si (?:usted |tu )?(?:se |te )?(?:hubiera|hubieras|hubiese|hubieses) (?:leido|revisado|comprobado|mirado|seguido|fijado|consultado|hecho caso|prestado atencion)",
    ),
    w("ya (?:deberia|deberias) saber|(?<!se )(?:lea|lee) (?:bien|con atencion)"),
  ],
  nextSteps: [
    w("(?:voy|vamos) a"),
    // First person perfect: "he enviado", "le hemos abonado", "ya te lo he reenviado".
    w("(?:ya )?(?:(?:te|le|les|os|se|lo|la|los|las|nos|me) )*(?:he|hemos) \\p{L}+(?:ado|ido|to|cho)"),
    w(
      "se (?:ha|han) (?:tramitado|enviado|emitido|procesado|solicitado|abierto|programado|generado|realizado|reembolsado|devuelto|activado|abonado|cancelado|reenviado|escalado|registrado|anulado)",
    ),
    // First person future: "te enviaré", "nos pondremos en contacto".
    w(
      `(?:${regularVerbs})(?:e|emos)|(?:hare|haremos|dire|diremos|pondre|pondremos|repondre|repondremos|tendre|tendremos|podre|podremos|sabre|sabremos|saldre|saldremos|vendre|vendremos)`,
    ),
    // Present for a promise: "te llamo mañana", "se lo envío hoy" (not "te confirmo que…", "le escribo para…").
    w(
      "(?:te|le|les|os|se lo|se la|se los|se las|te lo|te la|te los|te las|lo|la|los|las) (?:llamo|llamamos|escribo|escribimos|envio|enviamos|mando|mandamos|reenvio|confirmo|confirmamos|aviso|avisamos|contacto|contactamos|devuelvo|devolvemos|reviso|revisamos|compruebo|miro|tramito|tramitamos|gestiono|activo|cambio|abono|abonamos|soluciono|resuelvo|escalo|paso)(?! (?:de |en )?que| para| desde| porque| en relacion| con relacion| respecto| sobre)",
    ),
    w("me (?:encargo|ocupo|comprometo)|nos (?:encargamos|ocupamos|comprometemos)"),
    // Someone else, present for future: "Catalina lo llama mañana", "nos vemos el martes", "hablamos el lunes".
    w(
      "(?:lo|la|le|te|los|las|les) (?:llama|escribe|contacta|visita)(?! la atencion)|nos vemos(?! obligad)|(?<!como )(?:hablamos|lo hablamos|lo vemos|lo revisamos) (?:el|la|manana|pasado|esta|este|en)",
    ),
    w(
      "(?:te|le|les|se lo|se la|lo|la) (?:agendo|agendamos|reprogramo|reprogramamos|programo|programamos|reservo|reservamos)(?! (?:de |en )?que| para)",
    ),
    // "ya" or an object pronoun in front: bare "envíe" is also the subjunctive ("envíe sus datos").
    w(`(?:ya|(?:ya )?(?:te|le|les|se lo|se la|lo|la)) (?:${preterites})`),
    // "You will receive…", "the team will call you".
    w("(?:recibiras|recibira|recibiran|recibireis|vas a recibir|va a recibir|van a recibir)"),
    w(
      "(?:te|le|les|os|la|lo|las|los) (?:llegara|llegaran|llamara|llamaran|marcara|marcaran|hablara|hablaran|escribira|escribiran|contactara|contactaran|enviara|enviaran|avisara|avisaran|confirmara|confirmaran)",
    ),
    // What a team will do: "Facturación emitirá el reembolso hoy", "el cargador saldrá mañana".
    w(
      "(?:emitira|emitiran|procesara|procesaran|liberara|liberaran|reembolsara|reembolsaran|devolvera|devolveran|aprobara|aprobaran|saldra|saldran|llegara|llegaran)",
    ),
    // Someone else's promise: "el supervisor la va a llamar", "le van a enviar la guía".
    w("(?:te|le|la|lo|les|los|las|os) (?:va|van) a \\p{L}+(?:ar|er|ir)"),
    // Just done: "acabo de quitar el paquete", "acabamos de enviarle la etiqueta".
    w("acab(?:o|amos) de \\p{L}+(?:ar|er|ir)(?:lo|la|los|las|le|les|se|te)?"),
    // Latin-American preterite for what the agent did: "ya pasé su caso", "ya le envié la guía".
    w(
      "ya (?:(?:se|le|te|les|lo|la|los|las) )*(?:pase|envie|escale|mande|reenvie|tramite|solicite|registre|cancele|quite|abone|active|cambie|pedi|transferi|devolvi|hable)",
    ),
    w(
      "se (?:pondra|pondran) en contacto|(?:lo|la) (?:veras|vera|veran) (?:reflejad[oa]|en)|tendras? (?:noticias|respuesta|una respuesta)",
    ),
    w(
      "(?:estara|estaran|quedara|quedaran) (?:list[oa]s?|resuelt[oa]s?|solucionad[oa]s?|disponibles?|activ[oa]s?|activad[oa]s?|reflejad[oa]s?|abonad[oa]s?)",
    ),
    w("(?:el |los )?(?:proximo|siguiente|proximos|siguientes) pasos?"),
  ],
  timeFrames: [
    w(
      "hoy|manana|pasado manana|esta (?:manana|tarde|noche|semana|quincena)|este (?:mes|fin de semana)|(?:la|esta) semana que viene|el mes que viene|(?:la|el) (?:proxima|proximo) (?:semana|mes|quincena)|(?:el|este) fin de semana",
    ),
    w(`(?:el|este|del|al|proximo) (?:${weekday})`),
    w(
      `(?:en|dentro de|antes de|tras|despues de|plazo(?: maximo)? de|maximo(?: de)?|menos de|proximas|proximos) (?:las |los )?(?:${number})(?: ?(?:a|o|y|-) ?(?:${number}))? ?${unit}`,
    ),
    w(`(?:de|entre) (?:${number}) ?(?:a|y|-) ?(?:${number}) ?${unit}`),
    w(`\\d{1,2} de (?:${month})|(?:el|del|al) dia \\d{1,2}|\\d{1,2}\\/\\d{1,2}(?:\\/\\d{2,4})?`),
    // "en junio ya no habrá cargo", "a partir de mayo".
    w(`(?:en|para|desde|a partir de|antes de|hasta) (?:${month})`),
    w(
      `(?:a|antes de|hasta|desde|sobre|hacia|entre|despues de) las (?:${hour})|(?:a|antes de|hasta|sobre|hacia|despues de) la (?:una|1)(?![\\d:])`,
    ),
    w(
      "\\d{1,2}:\\d{2}|\\d{1,2}(?:[.:]\\d{2})? ?(?:h|hs|hrs)|\\d{1,2}(?:[.:]\\d{2})? ?(?:a\\. ?m\\.|p\\. ?m\\.|am|pm)|mediodia|medianoche",
    ),
    w(
      "(?:las|los) proxim[oa]s (?:minutos|horas|dias|semanas)|de inmediato|inmediatamente|hoy mismo|ahora mismo|a (?:primera|ultima) hora|(?:al|a) final del dia|(?:a |antes de )?(?:fin|final|finales|principios|mediados) de (?:la |esta |este )?(?:semana|mes)",
    ),
  ],
  closings: [
    w("(?:(?:hay|necesitas|necesita|necesitan|con|en|hacer) |¿)algo mas"),
    "en que mas",
    "cualquier otra",
    "cualquier cosa",
    "cualquier duda",
    "cualquier consulta",
    "cualquier pregunta",
    "otra duda",
    "otra consulta",
    "otra pregunta",
    w("si (?:necesitas|necesita|necesitan|tienes|tiene|tienen) (?:algo|alguna|cualquier|mas)"),
    w("no (?:dudes|dude|duden|dudeis) en"),
    w("(?:a (?:tu|su|vuestra) (?:entera )?disposicion)|para lo que (?:necesites|necesite|necesiten)"),
    w(
      "aqui (?:estoy|estamos|me tienes|me tiene|nos tienes|nos tiene)|(?:estoy|estamos) para (?:ayudarte|ayudarle|ayudarla|ayudarlo|ayudaros|lo que)",
    ),
    w(
      "escribeme|escribenos|escribame|escribanos|respondeme|respondanos|respondenos|respondame|contactanos|contactenos|avisame|avisanos|aviseme|avisenos|llamanos|llamenos|dime|digame",
    ),
    w(
      "ya me (?:dices|dira|diras|cuentas|contaras|contara|avisas|comentas)|me (?:dices|dice|avisas|avisa|comentas|comenta|cuentas|cuenta|confirmas|confirma)(?: algo)? (?:si|cualquier|por favor|cuando|en cuanto|que tal)",
    ),
    w(
      "(?:responde|responda|contesta|conteste) a este (?:correo|mensaje|email|chat)|(?:ponte|pongase) en contacto (?:con nosotros|conmigo)",
    ),
    w(
      "(?:encantad[oa]|un placer|con (?:mucho )?gusto) (?:de )?(?:ayudar|ayudarte|ayudarle|te ayudo|le ayudo)|(?<!no )(?:puedo|podemos) (?:ayudarte|ayudarle|ayudarla|ayudarlo|ayudaros)",
    ),
    // "¿Le puedo ayudar con otra cosa?", "Quedo a sus órdenes" (Mexico, Central America).
    w("(?<!no )(?:te|le|les|la|lo) (?:puedo|podemos) ayudar|a (?:sus|tus) ordenes"),
  ],
  acronyms: [
    "CSAT",
    "NPS",
    "SLA",
    "CRM",
    "PIN",
    "SMS",
    "OK",
    "PDF",
    "URL",
    "FAQ",
    "IVA",
    "DNI",
    "NIE",
    "NIF",
    "CIF",
    "RFC",
    "CURP",
    "CFDI",
    "SAT",
    "CUIT",
    "CUIL",
    "RUT",
    "RUC",
    "NIT",
    "IBAN",
    "BIC",
    "SWIFT",
    "SEPA",
    "CVV",
    "CVC",
    "TPV",
    "EUR",
    "USD",
    "MXN",
    "ARS",
    "COP",
    "CLP",
    "PEN",
    "UTC",
    "CET",
    "CEST",
    "API",
    "ID",
    "PS",
    "UE",
    "EEUU",
    "SEUR",
    "MRW",
    "GLS",
    "DHL",
    "UPS",
    "DPD",
    "OXXO",
    "BBVA",
    "ADSL",
    "VIP",
    "WIFI",
  ],
};
