"""HTTP of the consulta service, one router per noun: parse, call one use case, answer."""
