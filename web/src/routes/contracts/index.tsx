import { Route, Routes } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import MyContracts from './MyContracts';
import ContractForm from './ContractForm';
import ContractDetail from './ContractDetail';

export default function Contracts() {
  return (
    <Routes>
      <Route index element={<MyContracts />} />
      <Route path="new" element={<ContractForm />} />
      <Route path=":id" element={<ContractDetail />} />
      <Route path="*" element={<div className="tb-container tb-page"><NotFound /></div>} />
    </Routes>
  );
}
