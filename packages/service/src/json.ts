import { GraphQLScalarType, valueFromASTUntyped } from "graphql";

/** Passes JSON through as is; literals in a query are read as the JSON they spell. */
export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value: an object, array, string, number, boolean or null.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
});
