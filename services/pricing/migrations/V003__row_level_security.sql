-- Row-level security: a pricing policy is its authority's; a price book and
-- its cards are the buying authority's and the provider's (DESIGN.md
-- section 5: no other member, provider or lead sees them). Only the buyer
-- creates books and adds or corrects cards; the provider may change a book
-- (its acceptance) but not its cards. A SERVICE and the service's own work
-- see every row; a framework's active members read its books' rates for
-- the benchmark (fhub.framework, read only, set by the rpc after its own
-- check). FORCE: the service's own role, which owns the tables, is bound
-- too. See the hub's V004 for the settings.

ALTER TABLE pricing_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE pricing_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY pricing_policies_owner ON pricing_policies
  USING (row_reach_all() OR authority_id = row_authority());

-- Whether `of_authority` allows spot prices when no card applies (NULL if
-- it never said): what checking a provider's offer against that
-- authority's prices needs, and all it gives back.
CREATE FUNCTION authority_allows_spot_prices(of_authority text)
  RETURNS boolean
  LANGUAGE plpgsql STABLE
  SET search_path FROM CURRENT
  AS $$
  DECLARE
    reach text := coalesce(current_setting('fhub.reach', true), '');
    allows boolean;
  BEGIN
    PERFORM set_config('fhub.reach', 'all', true);
    SELECT p.allow_spot_prices INTO allows FROM pricing_policies p
      WHERE p.authority_id = of_authority;
    PERFORM set_config('fhub.reach', reach, true);
    RETURN allows;
  END $$;

ALTER TABLE price_books ENABLE ROW LEVEL SECURITY;
ALTER TABLE price_books FORCE ROW LEVEL SECURITY;
CREATE POLICY price_books_read ON price_books FOR SELECT
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());
CREATE POLICY price_books_consortium ON price_books FOR SELECT
  USING (framework_id = row_framework());
CREATE POLICY price_books_create ON price_books FOR INSERT
  WITH CHECK (row_reach_all() OR authority_id = row_authority());
CREATE POLICY price_books_change ON price_books FOR UPDATE
  USING (row_reach_all() OR authority_id = row_authority()
         OR provider_id = row_provider());

-- A card is seen with its book (the book's own policies decide) and
-- written by its book's buyer.
ALTER TABLE rate_cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_cards FORCE ROW LEVEL SECURITY;
CREATE POLICY rate_cards_read ON rate_cards FOR SELECT
  USING (row_reach_all() OR EXISTS (
    SELECT 1 FROM price_books b
    WHERE b.price_book_id = rate_cards.price_book_id OFFSET 0));
CREATE POLICY rate_cards_create ON rate_cards FOR INSERT
  WITH CHECK (row_reach_all() OR EXISTS (
    SELECT 1 FROM price_books b
    WHERE b.price_book_id = rate_cards.price_book_id
      AND b.authority_id = row_authority() OFFSET 0));
CREATE POLICY rate_cards_change ON rate_cards FOR UPDATE
  USING (row_reach_all() OR EXISTS (
    SELECT 1 FROM price_books b
    WHERE b.price_book_id = rate_cards.price_book_id
      AND b.authority_id = row_authority() OFFSET 0));
