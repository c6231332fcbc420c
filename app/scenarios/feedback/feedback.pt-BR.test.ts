import { describe, expect, test } from "vitest";
import { checkReply, preScore } from "./rules.server.ts";
import { type Case, expectRule } from "./test-helpers.ts";

const cases: Case[] = [
  ["greeting", "Olá, Marta! Obrigada pela sua mensagem.", true],
  ["greeting", "Bom dia, Marta, tudo bem?", true],
  ["greeting", "Oi Marta, já verifiquei o seu pedido.", true],
  ["greeting", "Prezada Sra. Marta, recebemos a sua solicitação.", true],
  ["greeting", "Obrigado pelo contato, Marta. Já localizei o pedido.", true],
  ["greeting", "Tudo bem, Marta? Já vi o seu pedido aqui.", true],
  ["greeting", "Cara Marta, o estorno já foi solicitado.", true],
  ["greeting", "Seu estorno foi feito ontem.", false],
  ["greeting", "O frete caro já foi estornado.", false],
  ["greeting", "Oito dias depois, o pedido chegou.", false],
  ["greeting", "Tudo bem, vou verificar o pedido.", false],
  ["greeting", "O estorno foi feito hoje. Boa tarde!", false],
  ["name", "Olá, Marta, estou vendo as duas cobranças.", true],
  ["name", "Olá, estou vendo as duas cobranças.", false],
  ["name", "Olá, estou vendo as duas cobranças.", null, { customerName: null }],
  ["feelings", "Entendo como é estressante ter uma cobrança em dobro no dia do aluguel.", true],
  ["feelings", "Poxa, que chato! Imagino a sua frustração.", true],
  ["feelings", "Você tem toda razão em cobrar uma resposta.", true],
  ["feelings", "Sei o quanto esse pedido era importante para você.", true],
  ["feelings", "O valor será estornado.", false],
  ["feelings", "O reembolso deve ser processado em até 5 dias.", false],
  ["apology", "Sinto muito pelo atraso na entrega, Marta.", true],
  ["apology", "Peço desculpas pela confusão de ontem.", true],
  ["apology", "Desculpe a demora em responder.", true],
  ["apology", "Falha nossa, Marta: o endereço foi trocado no cadastro.", true],
  ["apology", "O pedido atrasou por causa da transportadora.", false],
  ["apology", "Sua nova senha já está pronta.", null, { apologyExpected: false }],
  ["banned", "Por favor, se acalme que eu vou verificar.", false],
  ["banned", "Calma aí, o pedido já vai chegar.", false],
  ["banned", "Isso não é do meu setor, a senhora precisa ligar para o financeiro.", false],
  ["blame", "Como já informei, o estorno leva cinco dias.", false],
  ["banned", "Pedimos desculpas por qualquer transtorno causado.", false],
  ["banned", "Lamento que você se sinta assim.", false],
  ["blame", "A senhora deveria ter lido os termos antes de comprar.", false],
  ["banned", "Infelizmente não há nada que eu possa fazer.", false],
  ["blame", "A culpa é sua por não ter conferido o endereço.", false],
  ["banned", "Vou analisar tudo com calma junto ao financeiro agora mesmo.", true],
  ["blame", "Não é culpa sua, Marta: o erro foi do nosso sistema.", true],
  ["banned", "Pedimos desculpas pelo transtorno, Marta.", true],
  ["banned", "Olha o tom, por favor. Vou agendar a entrega agora.", false],
  ["banned", "Não precisa ser grosso, estou tentando ajudar.", false],
  ["banned", "Não fale assim comigo, eu estou fazendo o meu trabalho.", false],
  ["banned", "Quero ajudar, mas não consigo continuar o chat se os xingamentos continuarem.", true],
  [
    "nextStep",
    "Já solicitei o estorno da segunda cobrança; o valor volta para o seu cartão em até 5 dias úteis.",
    true,
  ],
  ["nextStep", "Vou te ligar amanhã antes das 10h.", true],
  ["nextStep", "A segunda cobrança será estornada até sexta-feira.", true],
  ["nextStep", "Você vai receber um e-mail de confirmação nas próximas 24 horas.", true],
  ["nextStep", "Encaminhei seu caso ao financeiro e te dou um retorno até as 16h.", true],
  ["nextStep", "Amanhã cedo te ligo para confirmar a nova data.", true],
  ["nextStep", "Vou verificar e depois te retorno.", false],
  ["nextStep", "Os estornos costumam demorar um pouco.", false],
  ["nextStep", "Na segunda cobrança, vou verificar o que houve.", false],
  ["nextStep", "Vou ver o que houve, já que hoje em dia o Pix costuma cair na hora.", false],
  ["closing", "O estorno já foi solicitado. Posso ajudar em mais alguma coisa?", true],
  ["closing", "O estorno já foi solicitado. Qualquer dúvida, estou à disposição.", true],
  ["closing", "Se o valor não cair até sexta, é só responder este e-mail.", true],
  ["closing", "O estorno já foi solicitado. Até logo.", false],
  [
    "closing",
    "Se precisar de algo, me avise. O estorno foi solicitado hoje. O valor volta em até 5 dias úteis. Tenha um ótimo dia.",
    false,
  ],
  ["longSentences", "Verifiquei o seu pedido. Ele saiu do nosso centro de distribuição hoje.", true],
  [
    "longSentences",
    "Verifiquei o seu pedido e vi que ele saiu do nosso centro de distribuição na segunda-feira e que a transportadora registrou a passagem por Curitiba na terça mas depois disso não houve mais nenhuma atualização então abri uma solicitação de rastreio com eles e me disseram que pode levar mais alguns dias.",
    false,
  ],
  ["shouting", "Seu reembolso foi APROVADO e PROCESSADO.", false],
  ["shouting", "Obrigada por aguardar!! Já está resolvido.", false],
  ["shouting", "Enviei o boleto em PDF para o e-mail do CPF cadastrado.", true],
  ["shouting", "Se preferir, o PROCON também pode orientar a senhora.", true],
  ["shouting", "Obrigada por aguardar! Já está resolvido.", true],
  // Gaps found writing the coaching, key-account and bug scenarios in Brazilian Portuguese.
  ["banned", "Calma, isso não é trabalho meu.", false],
  ["banned", "Calma! Vou verificar agora.", false],
  ["banned", "Isso não é trabalho meu, fale com o Financeiro.", false],
  ["banned", "Vou verificar tudo com calma.", true],
  ["nextStep", "A Camila liga pro senhor amanhã às 15h.", true],
  ["nextStep", "Ela te liga amanhã de manhã.", true],
  ["nextStep", "A gente se fala na terça às 11h.", true],
  ["nextStep", "Ela te liga quando puder.", false],
  ["feelings", "Sei que a semana foi pesada, Caio.", true],
  ["feelings", "Que alívio que o relatório chegou a tempo.", true],
  ["feelings", "O prazo é de 7 dias corridos.", false],
];

describe("free-text feedback in Brazilian Portuguese", () => {
  test.each(cases)("%s: %s → %s", (...args) => expectRule("pt-BR", args as Case));

  test("a good reply passes every check and scores 100", () => {
    const reply =
      "Olá, Marta, sinto muito — duas cobranças justo no dia do aluguel é muito estressante. Já pedi ao nosso time financeiro o estorno da segunda cobrança, e o valor volta para o seu cartão em até 5 dias úteis. Posso ajudar em mais alguma coisa?";
    const checks = checkReply(reply, "pt-BR", { customerName: "Marta Oliveira", apologyExpected: true });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(preScore(checks)).toBe(100);
  });

  test("a poor reply fails several checks, each with its evidence", () => {
    const checks = checkReply("Calma aí!! O reembolso demora MESMO, não posso fazer nada.", "pt-BR", {
      customerName: "Marta",
      apologyExpected: true,
    });
    const failed = Object.fromEntries(checks.filter((c) => c.ok === false).map((c) => [c.id, c.evidence]));
    expect(Object.keys(failed).sort()).toEqual([
      "apology",
      "banned",
      "closing",
      "feelings",
      "greeting",
      "name",
      "nextStep",
      "shouting",
    ]);
    expect(failed.banned).toBe("calma ai");
    expect(preScore(checks)).toBe(20);
  });
});
