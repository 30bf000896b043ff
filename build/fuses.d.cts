// Types of build/fuses.cjs for the tests (the project's TypeScript does not read JS).
export declare const FUSES: Readonly<Record<string, boolean>>;
export declare const RESET_AD_HOC_DARWIN_SIGNATURE_ON: readonly string[];
