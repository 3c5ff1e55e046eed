// The tool version reported in findings, SARIF and the User-Agent; esbuild replaces the define.
declare const __LEAKLENS_VERSION__: string | undefined;
export const VERSION: string = typeof __LEAKLENS_VERSION__ === 'string' ? __LEAKLENS_VERSION__ : '0.0.0-dev';
