import type { Context as LambdaContext } from 'aws-lambda';

/** A fetch target carrying the type its value is expected to have (see `ssmParam`, `secret`, `appConfigReq`). */
export interface ReturnTypeHint<T> {
  readonly __returnType?: T;
}

/** The value type a `fetchData` member declares: its hint's type, else `unknown`. */
export type HintedValue<Target> = Target extends ReturnTypeHint<infer T> ? T : unknown;

/** The values of a `fetchData` object, by internal key. */
export type FetchedValues<FetchData> = { [Key in keyof FetchData]: HintedValue<FetchData[Key]> };

/** What a drop-in adds to `request.internal`: every `fetchData` key. */
export type DropInInternal<Options> = Options extends { fetchData: infer FetchData }
  ? FetchedValues<FetchData>
  : Record<never, never>;

/** What a drop-in adds to `request.context`: the values, with `setToContext: true`. */
export type DropInContext<Options> = Options extends { setToContext: true }
  ? Options extends { fetchData: infer FetchData }
    ? LambdaContext & FetchedValues<FetchData>
    : LambdaContext
  : LambdaContext;
