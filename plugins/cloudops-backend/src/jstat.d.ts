/** The part of jStat (no published types) that the plugin uses. */
declare module 'jstat' {
  const jStat: {
    normal: {
      cdf(x: number, mean: number, std: number): number;
      inv(p: number, mean: number, std: number): number;
    };
    binomial: {
      cdf(k: number, trials: number, p: number): number;
    };
    studentt: {
      inv(p: number, dof: number): number;
    };
  };
  export default jStat;
}
