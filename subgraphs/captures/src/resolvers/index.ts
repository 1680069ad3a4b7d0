import { DateTime, JSONScalar, viewerAsUser } from "@kai/service";
import type { Resolvers } from "../generated/graphql.ts";
import { Capture } from "./capture.ts";
import { CaptureConnection } from "./capture-connection.ts";
import { createCapture } from "./mutation-create-capture.ts";
import { createUploadUrl } from "./mutation-create-upload-url.ts";
import { deleteCapture } from "./mutation-delete-capture.ts";
import { updateCapture } from "./mutation-update-capture.ts";
import { capture } from "./query-capture.ts";
import { captures } from "./query-captures.ts";
import { User } from "./user.ts";

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONScalar,
  Query: {
    me: viewerAsUser,
    capture,
    captures,
  },
  Mutation: { createCapture, updateCapture, deleteCapture, createUploadUrl },
  Capture,
  CaptureConnection,
  User,
};
