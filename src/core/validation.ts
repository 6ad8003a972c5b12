import { IsDefined, ValidateIf } from 'class-validator';

/**
 * For a field of an update input whose column has no empty value (a name, a key, an enum): it may be omitted (left as it is),
 * but not sent as `null`, which `@IsOptional()` would let through to a NOT NULL column. The field's other rules run when it is given.
 */
export function OmitOrGive(): PropertyDecorator {
  return (target, property) => {
    ValidateIf((_object, value) => value !== undefined)(target, property);
    IsDefined({ message: '$property may be omitted (to keep it as it is) but not null' })(target, property);
  };
}
