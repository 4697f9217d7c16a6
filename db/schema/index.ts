export * from "./enums";
export * from "./organisation";
export * from "./checklists";
export * from "./plans";
export * from "./visits";
export * from "./follow-up";
export * from "./system";
