import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type FieldErrors } from "../api/problem";
import { problemErrors } from "../lib/problem-text";

/** Server field errors and general messages of a failed save, in the current language. */
export function useServerErrors() {
  const { t, i18n } = useTranslation();
  const [fields, setFields] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  return {
    fields,
    general,
    clear: () => {
      setFields({});
      setGeneral([]);
    },
    show: (error: unknown) => {
      if (error instanceof ApiError) {
        const m = problemErrors(error.problem, t, i18n.language);
        setFields(m.fields);
        if (error.status === 403) setGeneral([t("errors.forbidden")]);
        else if (error.status === 412) setGeneral([t("errors.stale")]);
        else if (error.status === 413) setGeneral([t("errors.tooLarge")]);
        else setGeneral(m.general.length || Object.keys(m.fields).length ? m.general : [t("errors.generic")]);
      } else {
        setGeneral([t("common.networkError")]);
      }
    },
  };
}
