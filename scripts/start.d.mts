// Types of scripts/start.mjs, for test/unit/start-script.test.ts.
export type ElectronFailureCause = 'node' | 'network' | 'install';
export declare const MINIMUM_NODE: string;
export declare function nodeVersionProblem(version: string): string | null;
export declare function electronPathFromOutput(stdout: string): string;
export declare function explainElectronFailure(stderr: string): { cause: ElectronFailureCause; detail: string };
export declare function failureMessage(failure: { cause: ElectronFailureCause; detail: string }): string;
export declare function findElectronBinary(options: { root: string; env: NodeJS.ProcessEnv }): { path: string; error?: undefined } | { error: string; path?: undefined };
