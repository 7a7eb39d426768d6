// PEM private keys in any text (RFC 7468 §10 PKCS #8, §11 encrypted; RSA, EC and OpenSSH keys alike): the label says what it is.
import type { Rewrite } from './rewrite.ts';

/** The five dashes around a PEM label (RFC 7468 §2). */
const DASHES = '-'.repeat(5);

/** A block whose label ends in PRIVATE KEY; public keys and certificates carry no secret and stay. */
const PRIVATE_KEY_BLOCK = new RegExp(
  `(${DASHES}BEGIN ([A-Z0-9 ]*PRIVATE KEY)${DASHES})(\\s*)([\\s\\S]*?)(\\s*)(${DASHES}END \\2${DASHES})`,
  'g',
);

/** Text with the body of every PEM private key rewritten as one `private-key` value; labels and line breaks stay. */
export function rewritePemKeys(text: string, rewrite: Rewrite): string {
  if (!text.includes(`PRIVATE KEY${DASHES}`)) return text;
  return text.replace(
    PRIVATE_KEY_BLOCK,
    (all, begin: string, _label: string, lead: string, body: string, trail: string, end: string) => {
      if (body === '') return all;
      const out = rewrite(body, 'private-key');
      return out === body ? all : `${begin}${lead}${out}${trail}${end}`;
    },
  );
}
