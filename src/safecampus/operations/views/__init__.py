"""Operations pages, one module per sub-domain."""
