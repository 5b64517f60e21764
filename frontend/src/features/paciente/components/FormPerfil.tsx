import { useState, type FormEvent } from "react";
import { Alerta } from "@/components/Alerta";
import { Botao } from "@/components/Botao";
import { Campo, Selecao } from "@/components/Campo";
import { UFS } from "@/lib/brasil";
import { useEnvio } from "@/lib/use-envio";
import { atualizarPaciente } from "../api/atualizar-paciente";
import type { Paciente } from "../api/obter-paciente";

/** The patient's own data: name, e-mail, phone, birth date and address (the CPF never changes). */
export function FormPerfil({ paciente, aoSalvar }: { paciente: Paciente; aoSalvar: () => void }) {
  const [nome, setNome] = useState(paciente.nome);
  const [email, setEmail] = useState(paciente.email);
  const [telefone, setTelefone] = useState(paciente.telefone ?? "");
  const [nascimento, setNascimento] = useState(paciente.data_nascimento ?? "");
  const [cep, setCep] = useState(paciente.endereco?.cep ?? "");
  const [logradouro, setLogradouro] = useState(paciente.endereco?.logradouro ?? "");
  const [cidade, setCidade] = useState(paciente.endereco?.cidade ?? "");
  const [uf, setUf] = useState(paciente.endereco?.uf ?? "");
  const envio = useEnvio();

  async function enviar(evento: FormEvent) {
    evento.preventDefault();
    const algumEndereco = [cep, logradouro, cidade, uf].some((v) => v.trim());
    const todoEndereco = [cep, logradouro, cidade, uf].every((v) => v.trim());
    if (algumEndereco && !todoEndereco) {
      return envio.definirErros({
        endereco: "Preencha CEP, endereço, cidade e UF, ou deixe todos em branco",
      });
    }
    const ok = await envio.enviar(async () => {
      await atualizarPaciente(paciente.id, {
        nome: nome.trim(),
        email: email.trim(),
        telefone: telefone.trim() || null,
        data_nascimento: nascimento || null,
        endereco: todoEndereco
          ? { cep: cep.trim(), logradouro: logradouro.trim(), cidade: cidade.trim(), uf }
          : null,
      });
    });
    if (ok) aoSalvar();
  }

  return (
    <form className="formulario" onSubmit={enviar} noValidate aria-label="Meus dados">
      {envio.erro && <Alerta tipo="erro">{envio.erro}</Alerta>}
      <Campo rotulo="CPF" name="cpf" value={paciente.cpf} readOnly dica="O CPF não pode ser alterado." />
      <Campo
        rotulo="Nome completo"
        name="nome"
        autoComplete="name"
        value={nome}
        onChange={(e) => setNome(e.target.value)}
        erro={envio.erros.nome}
      />
      <Campo
        rotulo="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        erro={envio.erros.email}
        dica="É também o seu login."
      />
      <div className="linha linha--2">
        <Campo
          rotulo="Celular"
          name="telefone"
          type="tel"
          autoComplete="tel-national"
          value={telefone}
          onChange={(e) => setTelefone(e.target.value)}
          erro={envio.erros.telefone}
        />
        <Campo
          rotulo="Nascimento"
          name="data_nascimento"
          type="date"
          autoComplete="bday"
          value={nascimento}
          onChange={(e) => setNascimento(e.target.value)}
          erro={envio.erros.data_nascimento}
        />
      </div>
      <fieldset className="campo escolha">
        <legend>Endereço</legend>
        {envio.erros.endereco && <span className="campo__erro">{envio.erros.endereco}</span>}
        <div className="formulario">
          <Campo
            rotulo="CEP"
            name="cep"
            inputMode="numeric"
            autoComplete="postal-code"
            value={cep}
            onChange={(e) => setCep(e.target.value)}
            erro={envio.erros.cep}
          />
          <Campo
            rotulo="Logradouro e número"
            name="logradouro"
            autoComplete="street-address"
            value={logradouro}
            onChange={(e) => setLogradouro(e.target.value)}
            erro={envio.erros.logradouro}
          />
          <div className="linha linha--crm">
            <Campo
              rotulo="Cidade"
              name="cidade"
              autoComplete="address-level2"
              value={cidade}
              onChange={(e) => setCidade(e.target.value)}
              erro={envio.erros.cidade}
            />
            <Selecao
              rotulo="UF"
              name="uf"
              value={uf}
              onChange={(e) => setUf(e.target.value)}
              erro={envio.erros.uf}
            >
              <option value="">Escolha</option>
              {UFS.map((sigla) => (
                <option key={sigla} value={sigla}>
                  {sigla}
                </option>
              ))}
            </Selecao>
          </div>
        </div>
      </fieldset>
      <Botao type="submit" carregando={envio.enviando}>
        Salvar
      </Botao>
    </form>
  );
}
