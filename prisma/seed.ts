// The demo organisation. Idempotent: running it again updates the same people and teams.
import "dotenv/config";
import { hashPassword } from "#app/accounts/password.server.ts";
import { demoAccounts } from "#app/accounts/demo.ts";
import { getCourses, getQuizzes } from "#app/content/catalog.server.ts";
import { attemptQuestions, startAttempt, submitAttempt } from "#app/quizzes/attempts.server.ts";
import { type Answers } from "#app/quizzes/grade.server.ts";
import { type Role } from "#app/accounts/roles.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { refreshReadiness } from "#app/ladder/readiness.server.ts";
import { seedCalibration } from "./seed-calibration.ts";
import { seedScenarioHistory } from "./seed-scenarios.ts";

const DOMAIN = "demo.rapport.test";
const DAY = 24 * 60 * 60 * 1000;

/** How many L1 lessons (in course order) each demo trainee has finished; one more is open. */
const lessonsDone: Record<string, number> = {
  trainee: 5,
  // Ana has finished every L1 lesson: with her quizzes, graded scenarios and sign-offs she is certified at L1.
  "ana.souza": 20,
  "joao.pereira": 9,
  "valentina.ruiz": 7,
  "diego.martinez": 3,
  "priya.nair": 1,
  // Oksana is one sign-off from L1: a mentor confirming "calm under pressure" certifies her.
  "oksana.bondarenko": 20,
  "dmytro.melnyk": 6,
  "fernanda.lima": 4,
  "carmen.lopez": 2,
  mentor: 20,
};

type Person = {
  local: string;
  name: string;
  roles: Role[];
  team?: "aurora" | "borealis";
  locale: Locale;
  startedDaysAgo: number;
  mentor?: string;
};

export const teams = { aurora: "Aurora", borealis: "Borealis" } as const;

export const people: Person[] = [
  { local: "admin", name: "Alex Morgan", roles: ["admin"], locale: "en", startedDaysAgo: 900 },
  {
    local: "manager",
    name: "Marta Oliveira",
    roles: ["manager"],
    team: "aurora",
    locale: "pt-BR",
    startedDaysAgo: 700,
  },
  {
    local: "manager2",
    name: "Тарас Коваленко",
    roles: ["manager"],
    team: "borealis",
    locale: "uk",
    startedDaysAgo: 650,
  },
  {
    local: "mentor",
    name: "Lucía Fernández",
    roles: ["mentor", "trainee"],
    team: "aurora",
    locale: "es",
    startedDaysAgo: 420,
  },
  { local: "mentor2", name: "Олена Шевченко", roles: ["mentor"], team: "borealis", locale: "uk", startedDaysAgo: 380 },
  { local: "mentor3", name: "Rafael Costa", roles: ["mentor"], team: "aurora", locale: "pt-BR", startedDaysAgo: 300 },
  {
    local: "trainee",
    name: "Sam Taylor",
    roles: ["trainee"],
    team: "aurora",
    locale: "en",
    startedDaysAgo: 75,
    mentor: "mentor",
  },
  {
    local: "ana.souza",
    name: "Ana Souza",
    roles: ["trainee"],
    team: "aurora",
    locale: "pt-BR",
    startedDaysAgo: 88,
    mentor: "mentor3",
  },
  {
    local: "joao.pereira",
    name: "João Pereira",
    roles: ["trainee"],
    team: "aurora",
    locale: "pt-BR",
    startedDaysAgo: 61,
    mentor: "mentor3",
  },
  {
    local: "valentina.ruiz",
    name: "Valentina Ruiz",
    roles: ["trainee"],
    team: "aurora",
    locale: "es",
    startedDaysAgo: 54,
    mentor: "mentor",
  },
  {
    local: "diego.martinez",
    name: "Diego Martínez",
    roles: ["trainee"],
    team: "aurora",
    locale: "es",
    startedDaysAgo: 33,
    mentor: "mentor",
  },
  {
    local: "priya.nair",
    name: "Priya Nair",
    roles: ["trainee"],
    team: "aurora",
    locale: "en",
    startedDaysAgo: 12,
    mentor: "mentor3",
  },
  {
    local: "oksana.bondarenko",
    name: "Оксана Бондаренко",
    roles: ["trainee"],
    team: "borealis",
    locale: "uk",
    startedDaysAgo: 85,
    mentor: "mentor2",
  },
  {
    local: "dmytro.melnyk",
    name: "Дмитро Мельник",
    roles: ["trainee"],
    team: "borealis",
    locale: "uk",
    startedDaysAgo: 70,
    mentor: "mentor2",
  },
  {
    local: "fernanda.lima",
    name: "Fernanda Lima",
    roles: ["trainee"],
    team: "borealis",
    locale: "pt-BR",
    startedDaysAgo: 47,
    mentor: "mentor2",
  },
  {
    local: "carmen.lopez",
    name: "Carmen López",
    roles: ["trainee"],
    team: "borealis",
    locale: "es",
    startedDaysAgo: 40,
    mentor: "mentor2",
  },
  {
    local: "kenji.sato",
    name: "Kenji Sato",
    roles: ["trainee"],
    team: "borealis",
    locale: "en",
    startedDaysAgo: 19,
    mentor: "mentor2",
  },
  {
    local: "iryna.tkachenko",
    name: "Ірина Ткаченко",
    roles: ["trainee"],
    team: "borealis",
    locale: "uk",
    startedDaysAgo: 6,
    mentor: "mentor2",
  },
];

/** Final quizzes taken: [person, quiz, questions answered wrong, days ago]. */
const quizHistory: Array<[string, string, number, number]> = [
  ["ana.souza", "support-role-final", 1, 60],
  ["ana.souza", "communication-final", 4, 45],
  ["ana.souza", "communication-final", 1, 44],
  ["ana.souza", "empathy-and-patience-final", 2, 30],
  ["ana.souza", "support-tools-final", 1, 25],
  ["ana.souza", "problem-solving-final", 1, 22],
  ["oksana.bondarenko", "support-role-final", 0, 50],
  ["oksana.bondarenko", "communication-final", 2, 35],
  ["oksana.bondarenko", "empathy-and-patience-final", 6, 9],
  ["oksana.bondarenko", "empathy-and-patience-final", 1, 8],
  ["oksana.bondarenko", "support-tools-final", 1, 7],
  ["oksana.bondarenko", "problem-solving-final", 1, 6],
  ["joao.pereira", "communication-final", 7, 3],
  ["trainee", "support-role-final", 5, 20],
  ["trainee", "support-role-final", 2, 18],
  ["mentor", "support-role-final", 0, 300],
  ["valentina.ruiz", "support-role-final", 3, 25],
];

/**
 * Real attempts through the app's own start and submit (questions drawn from the bank,
 * graded, one response row per question), answered from the key with some deliberately
 * wrong, then dated back to when they happened.
 */
async function seedQuizHistory(ids: Record<string, string>, today: number) {
  const quizzes = getQuizzes();
  await prisma.quizAttemptGrant.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  await prisma.quizAttempt.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  for (const [person, quizId, wrongCount, daysAgo] of quizHistory) {
    const quiz = quizzes[quizId];
    const english = quiz?.variants.en;
    const userId = ids[person];
    if (!quiz || !english || !userId) continue;
    const locale = people.find((p) => p.local === person)?.locale ?? "en";
    const attempt = await startAttempt(userId, quiz, locale);
    const answers: Answers = {};
    attemptQuestions(quiz, attempt).questions.forEach((question, i) => {
      const key = english.keys[question.id];
      if (!key) return;
      const wrong = i < wrongCount;
      if (question.kind === "ordering") answers[question.id] = wrong ? [...key.correct].reverse() : key.correct;
      else if (!wrong) answers[question.id] = question.kind === "multiple" ? key.correct : key.correct.slice(0, 1);
      else answers[question.id] = [question.options.find((o) => !key.correct.includes(o.id))?.id ?? ""];
    });
    const outcome = await submitAttempt(userId, quiz, attempt.id, answers);
    if (outcome.status !== "graded") throw new Error(`demo quiz attempt not graded: ${JSON.stringify(outcome)}`);
    const at = new Date(today - daysAgo * DAY + 10 * 3_600_000);
    await prisma.quizAttempt.update({
      where: { id: attempt.id },
      data: { startedAt: new Date(at.getTime() - 15 * 60_000), submittedAt: at },
    });
    await prisma.quizResponse.updateMany({ where: { attemptId: attempt.id }, data: { submittedAt: at } });
  }
}

export const emailOf = (local: string) => `${local}@${DOMAIN}`;

/** Thrown when the database holds people outside the demo domain: a real organisation's data. */
export class NotADemoDatabase extends Error {}

export async function seed(now = new Date()) {
  // The demo resets passwords to a published one and adds made-up people: never on real data.
  const outsiders = await prisma.user.count({ where: { NOT: { email: { endsWith: `@${DOMAIN}` } } } });
  if (outsiders > 0) {
    throw new NotADemoDatabase(
      `This database holds ${outsiders} ${outsiders === 1 ? "person" : "people"} outside ${DOMAIN}: it is not a demo database, so the demo seed changed nothing. Seed a fresh database (npm run db:reset) or point DATABASE_URL at another one.`,
    );
  }
  const hash = await hashPassword(demoAccounts.password);
  const teamIds: Record<string, string> = {};
  for (const [key, name] of Object.entries(teams)) {
    const team = await prisma.team.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
    teamIds[key] = team.id;
  }
  const ids: Record<string, string> = {};
  // Start dates count back from today at midnight UTC, so a rerun on the same day changes nothing.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  for (const p of people) {
    const data = {
      name: p.name,
      locale: p.locale,
      active: true,
      startDate: new Date(today - p.startedDaysAgo * DAY),
      teamId: p.team ? teamIds[p.team] : null,
    };
    const user = await prisma.user.upsert({
      where: { email: emailOf(p.local) },
      create: { email: emailOf(p.local), ...data, password: { create: { hash } } },
      update: { ...data, password: { upsert: { create: { hash }, update: { hash } } } },
      select: { id: true },
    });
    ids[p.local] = user.id;
    await prisma.$transaction([
      prisma.userRole.deleteMany({ where: { userId: user.id } }),
      prisma.userRole.createMany({ data: p.roles.map((role) => ({ userId: user.id, role })) }),
    ]);
  }
  for (const p of people) {
    const traineeId = ids[p.local];
    if (!traineeId) continue;
    await prisma.mentorship.deleteMany({ where: { traineeId } });
    const mentorId = p.mentor ? ids[p.mentor] : undefined;
    if (mentorId) await prisma.mentorship.create({ data: { traineeId, mentorId } });
  }
  for (const p of people.filter((person) => person.roles.includes("manager") && person.team)) {
    const teamId = teamIds[p.team ?? ""];
    const userId = ids[p.local];
    if (!teamId || !userId) continue;
    await prisma.teamManager.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId },
      update: {},
    });
  }
  // A few weeks of reading: lessons finished a day or two apart since each start date.
  const l1 = getCourses()
    .filter((course) => course.level === "L1")
    .flatMap((course) => course.lessons.map((lesson) => ({ courseSlug: course.slug, lessonSlug: lesson.slug })));
  for (const p of people) {
    const userId = ids[p.local];
    const done = lessonsDone[p.local] ?? 0;
    if (!userId || done === 0) continue;
    await prisma.lessonProgress.deleteMany({ where: { userId } });
    const start = today - p.startedDaysAgo * DAY;
    const step = Math.max(1, Math.floor((p.startedDaysAgo - 2) / (done + 1)));
    await prisma.lessonProgress.createMany({
      data: l1.slice(0, done + 1).map((lesson, i) => ({
        userId,
        ...lesson,
        firstOpenedAt: new Date(start + (i + 1) * step * DAY),
        completedAt: i < done ? new Date(start + (i + 1) * step * DAY + 3_600_000) : null,
      })),
    });
  }
  await seedQuizHistory(ids, today);
  const localeOf = (person: string) => people.find((p) => p.local === person)?.locale ?? "en";
  const scenarioAttempts = await seedScenarioHistory(ids, localeOf, today, now.getTime());
  // Levels reached by the evidence above are certified as the app would, dated by that evidence.
  await prisma.certification.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  await refreshReadiness(Object.values(ids));
  // Goals set by the managers: one ahead, one close, one already late.
  await prisma.goal.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  const goals: Array<[string, string, string, number]> = [
    ["ana.souza", "manager", "L2", 60],
    ["joao.pereira", "manager", "L1", -5],
    ["oksana.bondarenko", "manager2", "L1", 20],
  ];
  for (const [person, manager, targetLevel, days] of goals) {
    const userId = ids[person];
    const setById = ids[manager];
    if (userId && setById)
      await prisma.goal.create({ data: { userId, setById, targetLevel, dueDate: new Date(today + days * DAY) } });
  }
  if (teamIds.aurora) await seedCalibration(ids, teamIds.aurora, now);
  // Assignments (ADR 039): one already overdue, two ahead.
  await prisma.assignment.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  const firstL1 = getCourses().find((course) => course.level === "L1" && course.finalQuizId);
  const midnight = (days: number) => new Date(Math.floor((today + days * DAY) / DAY) * DAY);
  const assignments: Array<[string, string, string, string, number, string]> = [
    ["joao.pereira", "manager", "scenario", "manager-request-chat", -2, "Practise the handover before Monday's shift."],
    ["ana.souza", "manager", "scenario", "manager-request-chat", 7, ""],
    ["oksana.bondarenko", "manager2", "quiz", firstL1?.finalQuizId ?? "", 10, ""],
  ];
  for (const [person, by, kind, itemId, days, note] of assignments) {
    const userId = ids[person];
    const assignedById = ids[by];
    if (userId && assignedById && itemId)
      await prisma.assignment.create({
        data: {
          userId,
          assignedById,
          kind,
          itemId,
          note,
          dueDate: midnight(days),
          assignedAt: new Date(today - 10 * DAY),
        },
      });
  }
  return { people: people.length, teams: Object.keys(teams).length, scenarioAttempts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(({ people: count, teams: teamCount, scenarioAttempts }) => {
      console.log(
        `Demo organisation ready: ${count} people in ${teamCount} teams, ${scenarioAttempts} scenario attempts (password "${demoAccounts.password}").`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof NotADemoDatabase ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
