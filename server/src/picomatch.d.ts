// The few parts of picomatch the server uses (the package ships no types).
declare module 'picomatch' {
  namespace picomatch {
    type Matcher = (input: string) => boolean;
    interface Options {
      dot?: boolean;
    }
  }
  function picomatch(glob: string | string[], options?: picomatch.Options): picomatch.Matcher;
  export = picomatch;
}
