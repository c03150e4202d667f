import { Route, Routes } from 'react-router-dom';
import { NotFound } from '../../components/PageState';
import Board from './Board';
import DealPage from './DealPage';

export default function Deals() {
  return (
    <Routes>
      <Route index element={<Board />} />
      <Route path=":id" element={<DealPage />} />
      <Route path="*" element={<div className="tb-container tb-page"><NotFound /></div>} />
    </Routes>
  );
}
