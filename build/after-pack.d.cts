// Types of build/after-pack.cjs for the tests (the project's TypeScript does not read JS).
interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}
export declare function afterPack(context: AfterPackContext): Promise<void>;
export declare function electronBinaryPath(context: AfterPackContext): string;
export declare function fuseConfig(fuses: unknown, electronPlatformName: string): Record<string, unknown>;
declare const _default: typeof afterPack;
export { _default as default };
