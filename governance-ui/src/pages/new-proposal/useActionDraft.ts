/**
 * The action being drafted in the new-proposal form: a parameter family, a parameter of it that the form can
 * set ({editableSetter}), its current reading and the new value typed, checked in the parameter's unit.
 */
import { useState } from "react";

import {
  type Chain,
  FAMILIES,
  type ParameterFamily,
  type ProposalFile,
  readAllParameters,
} from "@coverdao/core";
import { useChainQuery } from "../../lib/useChainQuery";
import { checkParameterValue, editableSetter } from "./checks";

const FAMILY_LIST = Object.entries(FAMILIES) as [ParameterFamily, string][];

export function useActionDraft(chain: Chain) {
  const [family, setFamily] = useState<ParameterFamily>(FAMILY_LIST[0][0]);
  const readings = useChainQuery("parameters", () => readAllParameters(chain, family), [chain, family]);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const editable = (readings.data ?? []).filter((r) => editableSetter(r));
  const reading = editable.find((r) => r.key === key) ?? editable[0];
  const error = reading ? checkParameterValue(reading, value) : "Choose a parameter.";

  /** The proposal action the draft stands for; undefined while no parameter is chosen or the value is wrong. */
  function action(): ProposalFile["actions"][number] | undefined {
    if (!reading || error) return undefined;
    const setter = editableSetter(reading)!;
    return {
      contract: reading.parameter.contract,
      function: setter.function,
      args: { ...(setter.fixed ?? {}), [setter.arg]: value.trim() },
    };
  }

  return {
    families: FAMILY_LIST,
    family,
    readings,
    editable,
    reading,
    value,
    setValue,
    error,
    action,
    chooseFamily(next: ParameterFamily) {
      setFamily(next);
      setKey("");
      setValue("");
    },
    chooseParameter(next: string) {
      setKey(next);
      setValue("");
    },
  };
}

export type ActionDraft = ReturnType<typeof useActionDraft>;
