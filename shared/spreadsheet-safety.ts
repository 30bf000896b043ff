/**
 * Which CSV cells a spreadsheet could run as a formula ("CSV injection", OWASP), for every CSV
 * the project writes. papaparse's own `escapeFormulae: true` uses `/^[=+\-@\t\r].*$/`: without
 * the `s` flag `.` stops at a line break, so a multi-line cell such as
 * `=HYPERLINK("http://x";\n"Cliquez ici")` never matches and reaches Excel as a live formula.
 * This pattern only looks at how the cell starts, whatever follows:
 *  - `=`, `+`, `-`, `@` and their full-width forms (`＝＋－＠`, which some spreadsheets
 *    normalise), also after leading white space (a spreadsheet may trim it);
 *  - a tab, carriage return or line feed first (OWASP's list, plus the line feed).
 * papaparse prefixes a matching cell with `'` and quotes it; numbers are never touched.
 */
export const FORMULA_TRIGGER = /^(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/;
