import type { HostCountry, Product } from '../schemas/products.js';

// The product's reference data in the shape of each published page (reference §3 #10–#12).

export function hostCountriesOf(product: Product) {
  return product.host_countries.map((country) => ({
    id: country.id,
    code: country.code,
    name: country.name,
    is_disabled: country.is_disabled,
    aliases: country.aliases,
    alternative_names: country.alternative_names,
    // 0/1 here, as the Host Countries example prints them.
    states: country.states.map((state) => ({
      id: state.id,
      code: state.code,
      name: state.name,
      is_disabled: state.is_disabled ? (1 as const) : (0 as const),
    })),
  }));
}

/** A host country by its numeric id or its alpha-2 code (reference examples §12). */
export function hostCountryNamed(product: Product, reference: string): HostCountry | undefined {
  return /^\d+$/.test(reference)
    ? product.host_countries.find((country) => country.id === Number(reference))
    : product.host_countries.find((country) => country.code === reference.toUpperCase());
}

export function statesOf(country: HostCountry) {
  return country.states.map((state) => ({
    id: state.id,
    is_disabled: state.is_disabled,
    country_state: { code: state.code, id: state.state_ref, country_id: country.code, name: state.name },
  }));
}

export function countriesOf(product: Product) {
  return {
    host_countries: product.host_countries.map((country) => ({
      code: country.code,
      name: country.name,
      is_disabled: country.is_disabled,
      states: country.states.map((state) => ({
        code: state.code,
        name: state.name,
        is_disabled: state.is_disabled,
      })),
    })),
    destination_countries: product.destinations.map((destination) => ({
      code: destination.code,
      name: destination.name,
      is_disabled: destination.is_disabled,
    })),
  };
}

/**
 * INFERENCE (reference §3 #12, from a client of the public gateway): packages are the same in
 * every state of a product; each shows its order-side id, alias, levels and coverages.
 */
export function packagesOf(product: Product) {
  return product.packages.map((pkg) => ({
    id: pkg.product_package_id,
    alias: pkg.alias,
    name: pkg.name,
    levels: pkg.levels ?? [],
    coverages: pkg.coverages,
    attributes: [],
    validations: [],
  }));
}
