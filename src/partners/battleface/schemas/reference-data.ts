import { z } from 'zod';

// Related data (reference §3 #10–#12; examples §11–§14), each in the shape its page shows: the
// two host-country pages disagree on `is_disabled` (a boolean for countries, 0/1 for states in
// one, booleans in the other), and Countries has no ids at all. Each is kept where it is shown.

export const HostCountriesEnvelopeSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.int(),
      code: z.string(),
      name: z.string(),
      is_disabled: z.boolean(),
      aliases: z.array(z.strictObject({ alias: z.string() })),
      alternative_names: z.array(z.strictObject({ name: z.string() })),
      states: z.array(
        z.strictObject({
          id: z.int(),
          code: z.string(),
          name: z.string(),
          is_disabled: z.union([z.literal(0), z.literal(1)]),
        }),
      ),
    }),
  ),
});

export const StatesEnvelopeSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.int(),
      is_disabled: z.boolean(),
      country_state: z.strictObject({
        code: z.string(),
        id: z.int(),
        country_id: z.string(),
        name: z.string(),
      }),
    }),
  ),
});

const NamedSchema = { code: z.string(), name: z.string(), is_disabled: z.boolean() };
export const CountriesEnvelopeSchema = z.strictObject({
  data: z.strictObject({
    host_countries: z.array(z.strictObject({ ...NamedSchema, states: z.array(z.strictObject(NamedSchema)) })),
    destination_countries: z.array(z.strictObject(NamedSchema)),
  }),
});

export const PackagesEnvelopeSchema = z.strictObject({
  data: z.array(
    z.strictObject({
      id: z.int(),
      alias: z.string(),
      name: z.string(),
      levels: z.array(
        z.strictObject({ id: z.int(), amount: z.number(), detail: z.string(), level_id: z.int() }),
      ),
      coverages: z.array(z.unknown()),
      attributes: z.array(z.unknown()),
      validations: z.array(z.unknown()),
    }),
  ),
});

export const ProductParamsSchema = z.object({ product_id: z.string() });
export const StatesParamsSchema = z.object({ product_id: z.string(), host_country_id: z.string() });
export const PackagesParamsSchema = z.object({
  product_id: z.string(),
  host_country_id: z.string(),
  host_country_state_id: z.string(),
});
