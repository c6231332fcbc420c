import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string) {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string) {
  return bcrypt.compare(password, hash);
}

/** A real hash of nothing in particular, so an unknown email costs as long as a wrong password. */
const decoyHash = bcrypt.hashSync("rapport-decoy-password", COST);
export function burnPasswordCheck(password: string) {
  return bcrypt.compare(password, decoyHash);
}
