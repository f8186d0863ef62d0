// The document rules are shared (the procedure dialog and the fulfilment form upload too).
export * from "../../components/document-rules";
