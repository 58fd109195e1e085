/**
 * The indexer's HTTP API: GraphQL over every table (`/graphql`, what `@coverdao/core/indexer` queries), Ponder's
 * SQL-over-HTTP endpoint (`/sql/*`), and Ponder's own `/ready` and `/status`.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
